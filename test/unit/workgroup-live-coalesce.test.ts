import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCoalescer, liveKindOf } from '../../electron/core/workgroup/live';
import type { LiveKind } from '../../shared/domain/live';

// The live updates' coalescing (electron/core/workgroup/live.ts): a burst of notifications is a
// few callbacks per kind, none later than the window after the notification that opened it.
describe('live updates: coalescing per kind', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('folds a burst into one callback at the end of the window, each kind apart', () => {
    const calls: { kind: LiveKind; at: number }[] = [];
    const start = Date.now();
    const coalescer = createCoalescer((kind) => calls.push({ kind, at: Date.now() - start }), 150);
    for (let i = 0; i < 500; i += 1) coalescer.push('labels');
    vi.advanceTimersByTime(20);
    coalescer.push('claims');
    vi.advanceTimersByTime(149);
    expect(calls).toEqual([{ kind: 'labels', at: 150 }]);
    vi.advanceTimersByTime(1);
    expect(calls).toEqual([
      { kind: 'labels', at: 150 },
      { kind: 'claims', at: 170 },
    ]);
    vi.advanceTimersByTime(5_000);
    expect(calls).toHaveLength(2);
  });

  it('a stream of notifications every 10 ms for 1 s is one callback per window, the first after 150 ms', () => {
    const calls: number[] = [];
    const start = Date.now();
    const coalescer = createCoalescer(() => calls.push(Date.now() - start), 150);
    for (let t = 0; t < 1_000; t += 10) {
      coalescer.push('labels');
      vi.advanceTimersByTime(10);
    }
    vi.advanceTimersByTime(150);
    expect(calls).toEqual([150, 300, 450, 600, 750, 900, 1_050]);
  });

  it('clear drops what is waiting', () => {
    const calls: LiveKind[] = [];
    const coalescer = createCoalescer((kind) => calls.push(kind), 150);
    coalescer.push('imports');
    coalescer.clear();
    vi.advanceTimersByTime(1_000);
    expect(calls).toEqual([]);
    coalescer.push('imports');
    vi.advanceTimersByTime(150);
    expect(calls).toEqual(['imports']);
  });
});

describe('live updates: the notification payload', () => {
  it('reads the kind of migration 5’s payload and ignores anything else', () => {
    expect(liveKindOf('{"kind" : "labels"}')).toBe('labels');
    expect(liveKindOf('{"kind":"claims","station":"x"}')).toBe('claims');
    expect(liveKindOf('{"kind":"imports"}')).toBe('imports');
    expect(liveKindOf('{"kind":"operators"}')).toBe('operators');
    // A kind a newer station's database sends is not one this station knows: ignored.
    expect(liveKindOf('{"kind":"parcels"}')).toBeNull();
    expect(liveKindOf('labels')).toBeNull();
    expect(liveKindOf('null')).toBeNull();
    expect(liveKindOf('')).toBeNull();
    expect(liveKindOf(undefined)).toBeNull();
  });
});
