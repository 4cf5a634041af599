/** Hands out request slots; `acquire` resolves when a request for `key` may be sent. */
export interface RateLimiter {
  acquire(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  perSecond: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/**
 * The window is a little longer than a second: the station counts a request when it is
 * handed to the network, the API when it arrives, and a stall in between must not let the
 * next second's burst land inside the API's window (helper measurement: 3 of 7 runs at an
 * exact 1000 ms drew a 429 from a simulator limiting at the same rate).
 */
const WINDOW_MS = 1050;

/**
 * Sliding-window limiter: at most `perSecond` sends per key in any one-second window.
 * Callers for the same key queue behind each other, so concurrent calls share the budget
 * and are served in arrival order.
 */
export function createRateLimiter({ perSecond, now, sleep }: RateLimiterOptions): RateLimiter {
  if (!(perSecond >= 1)) throw new RangeError('rateLimitPerSecond must be at least 1');
  const lanes = new Map<string, { sent: number[]; tail: Promise<void> }>();

  return {
    acquire(key) {
      let lane = lanes.get(key);
      if (!lane) {
        lane = { sent: [], tail: Promise.resolve() };
        lanes.set(key, lane);
      }
      const { sent } = lane;
      const turn = lane.tail.then(async () => {
        for (;;) {
          const t = now();
          while (sent.length > 0 && (sent[0] as number) <= t - WINDOW_MS) sent.shift();
          if (sent.length < perSecond) {
            sent.push(t);
            return;
          }
          await sleep((sent[0] as number) + WINDOW_MS - t);
        }
      });
      lane.tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
