import { afterEach, describe, expect, it, vi } from 'vitest';
import { createDispatch, type Handlers } from '../../electron/core/ipc-dispatch';
import { silentLogger } from '../../electron/core/logger';
import { OPEN_JSON_LIMITS, openJsonProblem } from '../../shared/flexforward/bounded-json';
import { CreateLabelRequest } from '../../shared/flexforward/schemas';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/**
 * The open JSON sections of a label request (`customs`, `dangerousGoods`, …) are bounded, and
 * input is parsed inside the dispatch's try: a hostile or broken renderer gets an
 * `invalid_input` value back, never a rejected call or a stack overflow in main.
 */

/** `{ a: { a: … } }`, `levels` objects deep, built without recursion. */
function nested(levels: number): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  let current = root;
  for (let i = 1; i < levels; i++) {
    const next: Record<string, unknown> = {};
    current.a = next;
    current = next;
  }
  return root;
}

const IN_DOUBT = { kind: 'in_doubt', idempotencyKey: 'K-1', message: 'checking' } as const;

/** A dispatch whose labels:create handler only records what reached it. */
function dispatchWithStub() {
  const create = vi.fn(async () => IN_DOUBT);
  const dispatch = createDispatch({ 'labels:create': create } as unknown as Handlers, silentLogger);
  return { dispatch, create };
}

const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((x) => x.close()));
});

describe('labels:create with open JSON sections', () => {
  it('answers invalid_input naming the field for an object nested 100,000 levels deep, without reaching the handler', async () => {
    const { dispatch, create } = dispatchWithStub();
    for (const [section, field] of [
      ['customs', 'draft.customs'],
      ['dangerousGoods', 'draft.dangerousGoods'],
      ['pickup', 'draft.pickup'],
      ['courierOptions', 'draft.courierOptions'],
    ] as const) {
      const result = await dispatch('labels:create', { draft: { ...labelDraft('DEEP-1'), [section]: nested(100_000) } });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { [field]: expect.stringMatching(/nested too deeply \(at most 8 levels\)/) } },
      });
    }
    const value = await dispatch('labels:create', {
      draft: { ...labelDraft('DEEP-2'), serviceOptions: [{ code: 'V1', value: [nested(100_000)] }] },
    });
    expect(value).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'draft.serviceOptions[0].value': expect.stringMatching(/nested too deeply/) } },
    });
    expect(create).not.toHaveBeenCalled();
  });

  it('the same through a whole station: a value, and the station keeps answering', async () => {
    const station = createTestStation({ logger: silentLogger });
    opened.push(station);
    const result = await station.dispatch('labels:create', { draft: { ...labelDraft('DEEP-3'), customs: nested(100_000) } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', fields: { 'draft.customs': expect.stringMatching(/nested too deeply/) } },
    });
    expect(await station.dispatch('labels:unresolved', undefined)).toEqual({ ok: true, value: [] });
  });

  it('refuses too many fields, too much text, a cycle and values that are not JSON; accepts what a courier field looks like', async () => {
    const { dispatch, create } = dispatchWithStub();
    const manyFields = Object.fromEntries(Array.from({ length: OPEN_JSON_LIMITS.maxKeys + 1 }, (_, i) => [`k${i}`, i]));
    const cycle: Record<string, unknown> = { incoterm: 'DDP' };
    cycle.self = cycle;
    const cases: [unknown, RegExp][] = [
      [manyFields, /too many fields \(at most 200\)/],
      [{ note: 'x'.repeat(OPEN_JSON_LIMITS.maxChars) }, /too large \(at most 64 KB\)/],
      [{ lines: Array.from({ length: 20_000 }, () => 'abcd') }, /too large/],
      [cycle, /nested too deeply/],
      [{ amount: Number.NaN }, /only text, numbers/],
      [{ when: new Date(0) }, /only text, numbers/],
      [{ missing: undefined }, /only text, numbers/],
      [['DDP'], /Customs must be an object/],
    ];
    for (const [customs, message] of cases) {
      const result = await dispatch('labels:create', { draft: { ...labelDraft('BIG-1'), customs } });
      expect(result).toMatchObject({
        ok: false,
        error: { code: 'invalid_input', fields: { 'draft.customs': expect.stringMatching(message) } },
      });
    }
    expect(create).not.toHaveBeenCalled();

    const fine = {
      incoterm: 'DDP',
      taxId: { type: 'IOSS', value: 'IM1234567890' },
      lines: [{ hs: '4820.10', origin: 'JP' }],
      deep: nested(OPEN_JSON_LIMITS.maxDepth - 1),
    };
    expect(await dispatch('labels:create', { draft: { ...labelDraft('OK-1'), customs: fine } })).toEqual({ ok: true, value: IN_DOUBT });
    expect(create).toHaveBeenCalledTimes(1);
  });

  it('answers invalid_input, not a rejected call, when reading the input itself throws', async () => {
    const { dispatch, create } = dispatchWithStub();
    const hostile = {
      get draft(): never {
        throw new RangeError('Maximum call stack size exceeded');
      },
    };
    await expect(dispatch('labels:create', hostile)).resolves.toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(create).not.toHaveBeenCalled();
  });
});

describe('the open JSON limits', () => {
  it('count depth from the section itself and size as compact JSON', () => {
    expect(openJsonProblem(nested(OPEN_JSON_LIMITS.maxDepth))).toBeNull();
    expect(openJsonProblem(nested(OPEN_JSON_LIMITS.maxDepth + 1))).toBe('too_deep');
    // Exactly at the size limit, then one character over.
    const padding = OPEN_JSON_LIMITS.maxChars - JSON.stringify({ n: '' }).length;
    expect(openJsonProblem({ n: 'x'.repeat(padding) })).toBeNull();
    expect(JSON.stringify({ n: 'x'.repeat(padding) }).length).toBe(OPEN_JSON_LIMITS.maxChars);
    expect(openJsonProblem({ n: 'x'.repeat(padding + 1) })).toBe('too_large');
    expect(openJsonProblem({ n: '"\n'.repeat(padding / 4) })).toBeNull();
    expect(openJsonProblem({ n: '"\n'.repeat(padding / 4 + 1) })).toBe('too_large');
  });

  it('let a bounded request still serialise and parse as before', () => {
    const parsed = CreateLabelRequest.safeParse({
      ...labelDraft('OK-2'),
      idempotencyKey: 'OK-2',
      customs: { incoterm: 'DDP', duty: { payer: 'sender' } },
    });
    expect(parsed.success && parsed.data.customs).toEqual({ incoterm: 'DDP', duty: { payer: 'sender' } });
  });
});
