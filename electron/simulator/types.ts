/** Public types of the simulator's programmatic API (re-exported by index.ts). */
import type { StationClock } from '../../shared/domain/time-format';
import type { Language } from '../../shared/i18n/languages';

/** A bearer token the simulator accepts, and the shipper accounts it may use. */
export interface SimulatorToken {
  token: string;
  /** shipperAccountIds this token may use (`service.shipperAccountId`, `?shipperAccountId=`). */
  accounts: string[];
}

/** Fault probabilities, each 0..1, drawn from the seeded PRNG once per API request. */
export interface SimulatorFaults {
  /** Answer 500 `{"error":"Internal Server Error"}` before doing anything. */
  error500?: number;
  /** Create the label, then destroy the socket without answering (outcome unknown to the client). */
  dropAfterCreate?: number;
  /** Never answer: hold the socket until the simulator closes (or the client gives up). */
  hang?: number;
  /** Answer a 2xx with a truncated, unparsable JSON body (the work itself is done). */
  malformedJson?: number;
  /** Answer 502 `{"error":"Bad Gateway"}` (no label body) before doing anything. Simulator extra. */
  badGateway?: number;
  /**
   * A courier-side outage on a new label (POST /labels, not a replay): the courier answers
   * HTTP 503, so the label is stored as `failed` with `<Courier> API returned HTTP 503: Service
   * unavailable`, as the `COURIER-DOWN` name does for one recipient. Simulator extra.
   */
  courierDown?: number;
}

/** Order of `checkpoints[]` in tracking answers (docs/api-contract.md §14.8 leaves it open). */
export type CheckpointOrder = 'newest-first' | 'oldest-first';

export interface SimulatorOptions {
  /** TCP port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Accepted tokens; default: DEMO_TOKEN with the DEMO_ACCOUNTS. */
  tokens?: SimulatorToken[];
  /** Fixed delay before every API answer, in ms. */
  latencyMs?: number;
  /** Extra random delay 0..jitterMs added to latencyMs. */
  jitterMs?: number;
  faults?: SimulatorFaults;
  /** Server-side limit per token; excess requests get 429 with Retry-After. Off by default. */
  rateLimit?: { perSecond: number };
  /** Seed of the PRNG that draws faults and jitter (default 1). */
  seed?: number;
  /** Clock (ms since epoch) that drives tracking progress; default Date.now. */
  now?: () => number;
  /** HTTP status of a first-time courier rejection: 502 (default) or 201 with `status: failed`. */
  rejectionStatus?: 201 | 502;
  /** Checkpoint order in tracking answers; default newest first (the tracking guide). */
  checkpointOrder?: CheckpointOrder;
  /** Time zone and format of the "Created" line on labels; default the machine's (Demo mode: the station's). */
  clock?: Partial<StationClock>;
  /** The language of the Demo label's words, asked when a label is first drawn; default English (Demo mode: the station's). */
  language?: () => Language;
}

export interface SimulatorRequestRecord {
  method: string;
  /** Path with query string, as received. */
  path: string;
  /** Status sent; 0 when no answer was sent (dropped or hung connection). */
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Time from the request's arrival to its answer being written (latency included); 0 while unanswered. */
  handledMs: number;
}

export interface SimulatorStats {
  /** Labels stored (created or failed courier rejections); replays do not count. */
  labelsCreated: number;
  /** Labels stored per idempotency key; a correct simulator never goes above 1. */
  labelsByKey: Record<string, number>;
  /** POST /labels attempts per idempotency key that passed validation (first calls and replays). */
  attemptsByKey: Record<string, number>;
  /** API and document requests, oldest first (capped to the most recent 10 000). */
  requests: SimulatorRequestRecord[];
}

export interface Simulator {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  port: number;
  stats(): SimulatorStats;
  /** Replace all fault probabilities (missing ones become 0). */
  setFaults(f: SimulatorFaults): void;
  /** Move the tracking clock forward by `ms`. */
  advanceTime(ms: number): void;
  /** Current simulator time (ms since epoch): the `now` option plus all advances. */
  now(): number;
  /** Forget the recorded requests and counters (labels stay). */
  resetStats(): void;
  /** Stop accepting a token from now on (an expired or revoked token: every API call answers 401). */
  revokeToken(token: string): void;
  /** Stop listening, end held (hung) connections and resolve when the server is closed. */
  close(): Promise<void>;
}
