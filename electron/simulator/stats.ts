import type { SimulatorRequestRecord, SimulatorStats } from './types';

const MAX_REQUESTS = 10_000;

interface RecordedRequest extends SimulatorRequestRecord {
  /** Token that authenticated the request, if any: /__simulator/stats shows a token its own. */
  token: string | undefined;
}

/** What the simulator saw: requests (with headers) and labels stored per idempotency key. */
export class StatsRecorder {
  private requests: RecordedRequest[] = [];
  private labels: { token: string; key: string }[] = [];
  private attempts: { token: string; key: string }[] = [];

  /** Records an arriving request; the caller fills in status and token as they become known. */
  request(method: string, path: string, headers: SimulatorRequestRecord['headers']): RecordedRequest {
    const record: RecordedRequest = { method, path, status: 0, headers: { ...headers }, token: undefined, handledMs: 0 };
    this.requests.push(record);
    // Demo mode runs for hours: keep memory bounded.
    if (this.requests.length > MAX_REQUESTS) this.requests.splice(0, this.requests.length - MAX_REQUESTS);
    return record;
  }

  labelStored(token: string, key: string): void {
    this.labels.push({ token, key });
  }

  attempt(token: string, key: string): void {
    this.attempts.push({ token, key });
  }

  reset(): void {
    this.requests = [];
    this.labels = [];
    this.attempts = [];
  }

  /** All tokens' data (in-process), or one token's (the HTTP endpoint). */
  /** `documents`: also the document downloads, which carry no token (a token's snapshot leaves them out otherwise). */
  snapshot(token?: string, options: { documents?: boolean } = {}): SimulatorStats {
    const mine = <T extends { token: string | undefined }>(rows: T[]) =>
      token === undefined ? rows : rows.filter((r) => r.token === token);
    const count = (rows: { key: string }[]) => {
      const out: Record<string, number> = {};
      for (const { key } of rows) out[key] = (out[key] ?? 0) + 1;
      return out;
    };
    const labels = mine(this.labels);
    return {
      labelsCreated: labels.length,
      labelsByKey: count(labels),
      attemptsByKey: count(mine(this.attempts)),
      requests: (options.documents
        ? this.requests.filter((r) => r.token === token || (r.token === undefined && r.path.startsWith('/documents/')))
        : mine(this.requests)
      ).map(({ method, path, status, headers, handledMs }) => ({ method, path, status, headers: { ...headers }, handledMs })),
    };
  }
}
