/** Hands out request slots; `acquire` resolves when a request for `key` may be sent. */
export interface RateLimiter {
  acquire(key: string): Promise<void>;
}

export interface RateLimiterOptions {
  perSecond: number;
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

const WINDOW_MS = 1000;

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
