import type { SimulatorFaults } from './types';

/** mulberry32: a tiny seeded PRNG, so a seed replays the same sequence of faults. */
export function createPrng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface FaultRoll {
  hang: boolean;
  error500: boolean;
  badGateway: boolean;
  malformedJson: boolean;
  dropAfterCreate: boolean;
  courierDown: boolean;
}

const clamp01 = (p: number | undefined): number => (typeof p === 'number' && Number.isFinite(p) ? Math.min(1, Math.max(0, p)) : 0);

/**
 * Decides, per API request, which faults hit it. Every roll draws the same number of values in
 * the same order whatever the probabilities, so a seed gives a reproducible sequence.
 */
export class FaultInjector {
  private faults: Required<SimulatorFaults>;
  private readonly faultRandom: () => number;
  private readonly jitterRandom: () => number;
  private readonly courierRandom: () => number;

  constructor(
    faults: SimulatorFaults | undefined,
    seed: number,
    private latencyMs = 0,
    private jitterMs = 0,
  ) {
    this.faults = normalise(faults);
    this.faultRandom = createPrng(seed);
    // A separate stream: changing the jitter must not change which requests fail.
    this.jitterRandom = createPrng(seed ^ 0x5bd1e995);
    // Its own stream too: adding the courier outage did not change which requests the older faults hit.
    this.courierRandom = createPrng(seed ^ 0x27d4eb2d);
  }

  set(faults: SimulatorFaults): void {
    this.faults = normalise(faults);
  }

  get current(): Required<SimulatorFaults> {
    return { ...this.faults };
  }

  roll(): FaultRoll {
    const draw = (p: number) => this.faultRandom() < p;
    return {
      hang: draw(this.faults.hang),
      error500: draw(this.faults.error500),
      badGateway: draw(this.faults.badGateway),
      malformedJson: draw(this.faults.malformedJson),
      dropAfterCreate: draw(this.faults.dropAfterCreate),
      courierDown: this.courierRandom() < this.faults.courierDown,
    };
  }

  /** Delay before answering an API request, in ms. */
  delay(): number {
    const jitter = this.jitterMs > 0 ? this.jitterRandom() * this.jitterMs : 0;
    return Math.max(0, this.latencyMs + jitter);
  }
}

function normalise(f: SimulatorFaults | undefined): Required<SimulatorFaults> {
  return {
    error500: clamp01(f?.error500),
    dropAfterCreate: clamp01(f?.dropAfterCreate),
    hang: clamp01(f?.hang),
    malformedJson: clamp01(f?.malformedJson),
    badGateway: clamp01(f?.badGateway),
    courierDown: clamp01(f?.courierDown),
  };
}

/** Cuts a JSON text so that it no longer parses (what a proxy cutting the body off looks like). */
export function malform(json: string): string {
  // Half of a JSON object never parses: its closing brace is gone.
  return json.slice(0, Math.max(1, Math.floor(json.length / 2)));
}

export type RateDecision = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number };

/**
 * Sliding one-second window per key (the token). Uses wall-clock time, not the tracking clock:
 * it limits real requests, and a frozen test clock must not lock a client out forever.
 */
export class RateLimiter {
  private readonly seen = new Map<string, number[]>();

  constructor(
    readonly perSecond: number,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  check(key: string): RateDecision {
    const now = this.clock();
    const recent = (this.seen.get(key) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= this.perSecond) {
      this.seen.set(key, recent);
      const oldest = recent[0] ?? now;
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + 1000 - now) / 1000)) };
    }
    recent.push(now);
    this.seen.set(key, recent);
    return { ok: true, remaining: this.perSecond - recent.length };
  }
}
