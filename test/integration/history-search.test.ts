import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryFilter, HistoryQuery } from '../../shared/domain/labels';
import { createSqliteLabelStore, type NewLabel } from '../../electron/core/labels/label-store';
import { labelDraft } from '../fixtures/label-drafts';
import { createTestStation } from '../support/test-station';

/** Issue 19 item 2: History finds what people type, filters by tracking, courier, product and attention, and selects all. */
const NOW = Date.UTC(2026, 11, 1, 12, 0, 0);
const DAY = 86_400_000;

let seq = 0;
/** A label as the store saves it, newest last (createdAt grows with each call unless given). */
function label(overrides: Partial<NewLabel> = {}): NewLabel {
  seq += 1;
  return {
    id: randomUUID(),
    environment: 'production',
    accountId: null,
    idempotencyKey: randomUUID(),
    status: 'created',
    courier: 'yunexpress',
    productCode: 'YEXP01',
    customerOrderNumber: `SO-${seq}`,
    platformOrderNumber: null,
    courierOrderNumber: null,
    trackingNumber: `ZZ${String(seq).padStart(10, '7')}`,
    recipientName: `Person ${seq}`,
    recipientCountry: 'US',
    recipientCity: 'Springfield',
    recipientPostalCode: '62701',
    errorCode: null,
    errorMessage: null,
    createdAt: NOW - 10 * DAY + seq * 60_000,
    documentUrl: null,
    documentFormat: null,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    ...overrides,
  };
}

const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

describe('History search and filters (a real station)', () => {
  const station = createTestStation({ now: () => new Date(NOW) });
  cleanup.push(() => station.close());
  const { client } = station;
  const save = (overrides: Partial<NewLabel>) => {
    const l = label(overrides);
    // Seeded straight into the station's SQLite (synchronous); the client reads them back.
    createSqliteLabelStore(station.services.database).save(l);
    return l.id;
  };
  const ids: Record<string, string> = {};
  let demoId = '';

  beforeAll(async () => {
    ids.shop = save({ customerOrderNumber: '#1001' });
    ids.zeros = save({ customerOrderNumber: '0001001' });
    ids.other = save({ customerOrderNumber: '#2002', platformOrderNumber: 'PL-7' });
    ids.yt = save({ trackingNumber: 'YT2409180000123456', trackingTag: 'InTransit', trackingUpdatedAt: NOW - 2 * DAY });
    ids.osaka = save({ recipientCity: '大阪市', recipientCountry: 'JP', recipientPostalCode: '530-0001', trackingTag: 'Delivered' });
    ids.london = save({ recipientCity: 'London', recipientCountry: 'GB', recipientPostalCode: 'SW1A 1AA' });
    ids.yamada = save({ recipientName: 'Yamada Taro', courier: 'japan-post', productCode: 'EMS' });
    ids.kanji = save({ recipientName: '山田 太郎', courier: 'japan-post', productCode: 'PARCEL' });
    ids.garcia = save({ recipientName: 'José García', trackingTag: 'Exception', trackingUpdatedAt: NOW - 8 * DAY });
    ids.stalled = save({ trackingTag: 'InTransit', trackingUpdatedAt: NOW - 6 * DAY });
    ids.failed = save({ status: 'failed', trackingNumber: null, errorCode: 'ADDRESS_INVALID', errorMessage: 'Postal code unknown.' });
    ids.printFailed = save({ trackingTag: 'Pending', trackingUpdatedAt: NOW - DAY });
    await station.services.printLog.record({
      id: 'job-failed',
      labelIds: [ids.printFailed],
      profileId: null,
      printer: 'Desk',
      copies: 1,
      osJobId: null,
      state: 'failed',
      errorCode: 'printer_not_found',
      message: 'The printer is not there.',
      createdAt: NOW - 1000,
    });
    await station.services.printLog.record({
      id: 'job-ok',
      labelIds: [ids.london],
      profileId: null,
      printer: 'Desk',
      copies: 1,
      osJobId: '1',
      state: 'sent',
      errorCode: null,
      message: null,
      createdAt: NOW - 1000,
    });
    // One label made from a real request in Demo mode: its postal code comes from the request.
    expect((await client.env.switch({ environment: 'demo' })).ok).toBe(true);
    const made = await client.labels.create({ draft: labelDraft('#0001001', { postalCode: '100-0001' }) });
    if (!made.ok || made.value.kind !== 'created') throw new Error(`Demo label not created: ${JSON.stringify(made)}`);
    demoId = made.value.label.id;
  });

  const found = async (query: HistoryQuery) => {
    const page = await client.labels.history({ limit: 200, ...query });
    if (!page.ok) throw new Error(JSON.stringify(page.error));
    return page.value.items.map((l) => l.id);
  };
  const search = (kind: 'any' | 'order' | 'tracking' | 'recipient' | 'label' | 'place', text: string) => found({ search: { kind, text } });

  it('finds an order number with or without "#", with leading zeros, in full-width digits', async () => {
    const expected = [demoId, ids.zeros, ids.shop];
    for (const text of ['1001', '#1001', '0001001', '#0001001', '１００１', '# 1001']) {
      expect({ text, ids: await search('order', text) }).toEqual({ text, ids: expected });
    }
    expect(await search('order', '2002')).toEqual([ids.other]);
    expect(await search('order', 'pl-7')).toEqual([ids.other]);
    expect(await search('any', '#1001')).toEqual(expected);
  });

  it('finds a tracking number by any part of 6 characters or more, in any case, and by its start', async () => {
    for (const text of ['2409180000', '00123456', '123456', 'yt240918', 'ＹＴ２４０９１８']) {
      expect({ text, ids: await search('tracking', text) }).toEqual({ text, ids: [ids.yt] });
    }
    // The Demo label's YunExpress number is YT and 16 random digits: 1 in 100 start with YT24 too.
    expect((await search('tracking', 'YT24')).filter((id) => id !== demoId)).toEqual([ids.yt]);
    // Fewer than 6 characters match the start only.
    expect(await search('tracking', '23456')).toEqual([]);
    expect(await search('any', '0000123456')).toEqual([ids.yt]);
  });

  it('finds the city and the postal code, with or without spaces, hyphens and 〒', async () => {
    expect(await search('place', '大阪')).toEqual([ids.osaka]);
    expect(await search('place', 'LONDON')).toEqual([ids.london]);
    for (const text of ['530-0001', '5300001', '〒530-0001', '５３０－０００１']) {
      expect({ text, ids: await search('place', text) }).toEqual({ text, ids: [ids.osaka] });
    }
    expect(await search('place', 'sw1a1aa')).toEqual([ids.london]);
    // The Demo label's postal code and city come from its request.
    expect(await search('place', '1000001')).toEqual([demoId]);
    expect(await search('place', 'los angeles')).toEqual([demoId]);
    expect(await search('any', '530-0001')).toEqual([ids.osaka]);
  });

  it('finds recipient names in any script: case, full width and spaces aside', async () => {
    expect(await search('recipient', 'ＹＡＭＡＤＡ')).toEqual([ids.yamada]);
    expect(await search('recipient', 'yamadataro')).toEqual([ids.yamada]);
    expect(await search('recipient', 'ada ta')).toEqual([ids.yamada]);
    expect(await search('recipient', '山田')).toEqual([ids.kanji]);
    expect(await search('recipient', '山田太郎')).toEqual([ids.kanji]);
    expect(await search('recipient', 'GARCÍA')).toEqual([ids.garcia]);
    expect(await search('any', 'ｙａｍａｄａ ｔａｒｏ')).toEqual([ids.yamada]);
  });

  it('filters by tracking state (several at once, or untracked)', async () => {
    expect(await found({ tracking: ['Exception'] })).toEqual([ids.garcia]);
    expect(await found({ tracking: ['InTransit', 'Delivered'] })).toEqual([ids.stalled, ids.osaka, ids.yt]);
    const untracked = await found({ tracking: ['untracked'] });
    expect(untracked).toContain(ids.failed);
    expect(untracked).toContain(ids.shop);
    expect(untracked).not.toContain(ids.yt);
    expect(await found({ tracking: ['Exception', 'untracked'] })).toEqual(expect.arrayContaining([ids.garcia, ids.shop]));
  });

  it('filters by courier and product, alone and with a search', async () => {
    expect(await found({ courier: 'japan-post' })).toEqual([ids.kanji, ids.yamada]);
    expect(await found({ productCode: 'EMS' })).toEqual([ids.yamada]);
    expect(await found({ courier: 'japan-post', search: { kind: 'recipient', text: '山田' } })).toEqual([ids.kanji]);
    expect(await found({ courier: 'dhl' })).toEqual([]);
  });

  it('filters by what needs attention: failed, print failed, tracking exception, not moving for N days', async () => {
    expect(await found({ attention: 'failed' })).toEqual([ids.failed]);
    expect(await found({ attention: 'print_failed' })).toEqual([ids.printFailed]);
    expect(await found({ printState: 'failed' })).toEqual([ids.printFailed]);
    expect(await found({ printState: 'sent' })).toEqual([ids.london]);
    expect(await found({ attention: 'tracking_exception' })).toEqual([ids.garcia]);
    // Default 5 days: the exception 8 days old and the parcel 6 days without news; not the one 2 days old, nor delivered ones.
    const stalled = await found({ attention: 'not_moving' });
    expect(stalled).toContain(ids.stalled);
    expect(stalled).toContain(ids.garcia);
    expect(stalled).not.toContain(ids.yt);
    expect(stalled).not.toContain(ids.osaka);
    expect(stalled).not.toContain(ids.failed);
    expect(stalled).not.toContain(demoId);
    expect(await found({ attention: 'not_moving', notMovingDays: 7 })).toEqual(expect.not.arrayContaining([ids.stalled]));
    expect(await found({ attention: 'not_moving', notMovingDays: 1 })).toContain(ids.yt);
  });

  it('selects every matching label (ids newest first and the total)', async () => {
    const select = async (filter: HistoryFilter) => {
      const answer = await client.labels.historyIds(filter);
      if (!answer.ok) throw new Error(JSON.stringify(answer.error));
      return answer.value;
    };
    expect(await select({ courier: 'japan-post' })).toEqual({
      ids: [ids.kanji, ids.yamada],
      total: 2,
      capped: false,
      moreThanTotal: false,
    });
    expect(await select({ search: { kind: 'order', text: '1001' } })).toEqual({
      ids: [demoId, ids.zeros, ids.shop],
      total: 3,
      capped: false,
      moreThanTotal: false,
    });
    expect(await select({ tracking: ['Unknown'] })).toEqual({ ids: [], total: 0, capped: false, moreThanTotal: false });
  });
});

describe('select all matching, beyond the cap', () => {
  it('returns the newest ids one print job takes, says it is capped, and counts up to 10,000 ("more than" beyond)', async () => {
    const station = createTestStation({ now: () => new Date(NOW) });
    cleanup.push(() => station.close());
    const { db } = station.services.database;
    db.exec('BEGIN');
    const store = createSqliteLabelStore(station.services.database);
    const saved: string[] = [];
    for (let i = 0; i < 10_050; i++) {
      const courier = i < 9_000 ? (i % 2 ? 'dhl' : 'yunexpress') : 'ups';
      const l = label({ courier, createdAt: NOW - 20_000 + i });
      store.save(l);
      saved.push(l.id);
    }
    db.exec('COMMIT');
    const shape = (answer: Awaited<ReturnType<typeof station.client.labels.historyIds>>) =>
      answer.ok && {
        n: answer.value.ids.length,
        first: answer.value.ids[0],
        last: answer.value.ids.at(-1),
        total: answer.value.total,
        capped: answer.value.capped,
        more: answer.value.moreThanTotal,
      };
    // 10,050 match: the newest 500 (HISTORY_SELECT_CAP), and "more than 10,000" (HISTORY_COUNT_CAP).
    expect(shape(await station.client.labels.historyIds({}))).toEqual({
      n: 500,
      first: saved.at(-1),
      last: saved.at(-500),
      total: 10_000,
      capped: true,
      more: true,
    });
    // 4,500 match: counted exactly.
    expect(shape(await station.client.labels.historyIds({ courier: 'dhl' }))).toEqual({
      n: 500,
      first: saved[8_999],
      last: saved[8_001],
      total: 4_500,
      capped: true,
      more: false,
    });
    // 1,050 match, a search driving the count: exact too.
    expect(shape(await station.client.labels.historyIds({ courier: 'ups', search: { kind: 'place', text: 'Springfield' } }))).toMatchObject(
      {
        n: 500,
        total: 1_050,
        capped: true,
        more: false,
      },
    );
  });
});
