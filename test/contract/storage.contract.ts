import { afterEach, describe, expect, it } from 'vitest';
import type { NewLabel } from '../../electron/core/labels/label-store';
import type { NewOutboxEntry } from '../../electron/core/labels/outbox';
import type { Storage } from '../../electron/core/storage';
import { StationError } from '../../electron/core/errors';
import { HistoryQuery, type HistoryFilter, type LabelRecord } from '../../shared/domain/labels';
import type { PrintJobRecord } from '../../shared/domain/printing';

/**
 * The storage contract (docs/architecture.md, "Storage backends"): what the label history
 * and the outbox do, whichever backend keeps them. test/contract/sqlite.test.ts and
 * test/contract/postgres.test.ts run these same tests against the embedded SQLite store and
 * PostgreSQL.
 */
export interface ContractBackend {
  /** A fresh, empty storage for one test, on the given clock. */
  open(options: { now: () => number }): Promise<OpenedStorage>;
}

export interface OpenedStorage {
  storage: Storage;
  close(): Promise<void>;
}

let jobSerial = 0;
/** Records one print job of these labels through the storage's print log, ending in this state. */
export async function printed(
  storage: Storage,
  labelIds: string[],
  state: 'sent' | 'failed' | 'printed' | 'waiting',
  at: number,
  id = `job-${++jobSerial}`,
) {
  const failed = state === 'failed';
  await storage.printLog.record({
    id,
    labelIds,
    profileId: null,
    printer: 'desk',
    copies: 1,
    osJobId: failed ? null : 'desk-1',
    state: failed ? 'failed' : 'sent',
    errorCode: failed ? 'print_failed' : null,
    message: failed ? 'Out of paper' : null,
    createdAt: at,
  });
  if (state === 'printed' || state === 'waiting') await storage.printLog.settle(id, { state, errorCode: null, message: null, at });
}

export const NOW = Date.UTC(2026, 11, 2, 12, 0, 0);
const DAY = 86_400_000;

let serial = 0;
const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${(n * 7919).toString(16).padStart(12, '0')}`;
/** A created label, by default in production, newer with each call. */
export const label = (overrides: Partial<NewLabel> = {}): NewLabel => {
  const n = ++serial;
  return {
    id: uuid(n),
    environment: 'production',
    accountId: 'acct-1',
    idempotencyKey: `SO-${n}`,
    status: 'created',
    courier: 'dhl',
    productCode: 'P-EXP',
    customerOrderNumber: `SO-${n}`,
    platformOrderNumber: null,
    courierOrderNumber: `C${n}`,
    trackingNumber: `1Z${String(n).padStart(10, '0')}`,
    recipientName: 'Ada Lovelace',
    recipientCountry: 'GB',
    recipientCity: 'London',
    errorCode: null,
    errorMessage: null,
    createdAt: NOW - DAY + n * 1000,
    documentUrl: null,
    documentFormat: null,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    ...overrides,
  };
};

const entry = (overrides: Partial<NewOutboxEntry> = {}): NewOutboxEntry => ({
  idempotencyKey: 'SO-1001',
  environment: 'production',
  accountId: 'acct-1',
  orderNumber: 'SO-1001',
  body: '{"order":{"customerOrderNumber":"SO-1001"}}',
  ...overrides,
});

/** The StationError code a promise rejects with. */
export async function rejectionCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(StationError);
    return (error as StationError).code;
  }
  throw new Error('expected a StationError');
}

/** The record a saved label reads back as (never printed, no document file). */
const recordOf = (l: NewLabel): LabelRecord => {
  const { fingerprint: _f, recipientPostalCode: _p, ...rest } = l;
  return { ...rest, documentStored: false };
};

export function storageContract(name: string, backend: ContractBackend) {
  let opened: OpenedStorage[] = [];
  afterEach(async () => {
    for (const o of opened) await o.close();
    opened = [];
  });
  const open = async (now = () => NOW) => {
    const o = await backend.open({ now });
    opened.push(o);
    return o;
  };
  const saveAll = async (storage: Storage, labels: NewLabel[]) => {
    for (const l of labels) await storage.labels.save(l);
    return labels;
  };
  /** Every page of a query, following the cursors: the ids in order. */
  const allPages = async (storage: Storage, query: HistoryQuery) => {
    const ids: string[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await storage.labels.page(HistoryQuery.parse({ ...query, cursor }));
      ids.push(...page.items.map((l) => l.id));
      if (!page.nextCursor) return ids;
      cursor = page.nextCursor;
    }
    throw new Error('more than 100 pages');
  };
  const idsOf = async (storage: Storage, filter: HistoryFilter) =>
    (await storage.labels.page(HistoryQuery.parse({ ...filter, limit: 200 }))).items.map((l) => l.id);
  const newestFirst = (labels: NewLabel[]) => [...labels].sort((a, b) => b.createdAt - a.createdAt).map((l) => l.id);

  describe(`${name}: label history`, () => {
    it('saves a label and reads it back by id (in any letter case); an unknown id is null', async () => {
      const { storage } = await open();
      const l = label({ fingerprint: 'fp-1', recipientPostalCode: 'SW1A 1AA' });
      await storage.labels.save(l);
      expect(await storage.labels.get(l.id)).toEqual(recordOf(l));
      expect(await storage.labels.get(l.id.toUpperCase())).toEqual(recordOf(l));
      expect(await storage.labels.get('no-such-label')).toBeNull();
      expect(await storage.labels.count()).toBe(1);
    });

    it('a replay saves the same label again without a duplicate, keeping its first time, document and tracking', async () => {
      const { storage } = await open();
      const first = label({
        documentUrl: 'https://docs.example/1.pdf',
        documentFormat: 'pdf',
        trackingTag: 'InTransit',
        trackingMessage: 'On its way',
        trackingUpdatedAt: NOW - 5,
      });
      await storage.labels.save(first);
      await storage.labels.setDocument(first.id, { url: 'https://docs.example/1.pdf', format: 'pdf', path: '/labels/1.pdf' });
      await storage.labels.save({
        ...first,
        createdAt: first.createdAt + 50_000,
        documentUrl: null,
        documentFormat: null,
        trackingTag: null,
        trackingMessage: null,
        trackingUpdatedAt: null,
        recipientName: 'Ada King',
      });
      expect(await storage.labels.count()).toBe(1);
      expect(await storage.labels.get(first.id)).toEqual({ ...recordOf(first), recipientName: 'Ada King', documentStored: true });
      expect(await storage.labels.documentPath(first.id)).toBe('/labels/1.pdf');
    });

    it('forOrder: labels of an order number (customer or platform, any letter case), in one environment, newest first', async () => {
      const { storage } = await open();
      const [older, newer, platform] = await saveAll(storage, [
        label({ customerOrderNumber: 'Shop-1001' }),
        label({ customerOrderNumber: 'SHOP-1001', status: 'failed' }),
        label({ customerOrderNumber: null, platformOrderNumber: 'shop-1001' }),
      ]);
      await saveAll(storage, [
        label({ customerOrderNumber: 'shop-1001', environment: 'development' }),
        label({ customerOrderNumber: 'SHOP-10011' }),
      ]);
      expect((await storage.labels.forOrder('production', 'shop-1001')).map((l) => l.id)).toEqual([platform!.id, newer!.id, older!.id]);
      expect(await storage.labels.forOrder('production', 'SHOP-9')).toEqual([]);
    });

    it('createdForOrders: which of the order numbers have a created label in the environment, as asked', async () => {
      const { storage } = await open();
      await saveAll(storage, [
        label({ customerOrderNumber: 'A-1' }),
        label({ customerOrderNumber: null, platformOrderNumber: 'b-2' }),
        label({ customerOrderNumber: 'C-3', status: 'failed' }),
        label({ customerOrderNumber: 'D-4', environment: 'development' }),
      ]);
      expect(await storage.labels.createdForOrders('production', ['a-1', 'B-2', 'C-3', 'D-4', 'E-5'])).toEqual(new Set(['a-1', 'B-2']));
      expect(await storage.labels.createdForOrders('production', [])).toEqual(new Set());
    });

    it('sameShipment: created labels with the fingerprint since a time, in the environment, newest first', async () => {
      const { storage } = await open();
      const [old, recent, newest] = await saveAll(storage, [
        label({ fingerprint: 'fp', createdAt: NOW - 3 * DAY }),
        label({ fingerprint: 'fp', createdAt: NOW - 2_000 }),
        label({ fingerprint: 'fp', createdAt: NOW - 1_000 }),
      ]);
      await saveAll(storage, [
        label({ fingerprint: 'fp', status: 'failed', createdAt: NOW - 500 }),
        label({ fingerprint: 'fp', environment: 'demo', createdAt: NOW - 500 }),
        label({ fingerprint: 'other', createdAt: NOW - 500 }),
      ]);
      expect((await storage.labels.sameShipment('production', 'fp', NOW - DAY)).map((l) => l.id)).toEqual([newest!.id, recent!.id]);
      expect((await storage.labels.sameShipment('production', 'fp', 0)).map((l) => l.id)).toEqual([newest!.id, recent!.id, old!.id]);
    });

    it('setDocument and documentPath; setTracking; both refuse an unknown label', async () => {
      const { storage } = await open();
      const l = label();
      await storage.labels.save(l);
      expect(await storage.labels.documentPath(l.id)).toBeNull();
      await storage.labels.setDocument(l.id.toUpperCase(), { url: 'https://docs.example/x.png', format: 'png', path: null });
      expect(await storage.labels.get(l.id)).toMatchObject({
        documentUrl: 'https://docs.example/x.png',
        documentFormat: 'png',
        documentStored: false,
      });
      await storage.labels.setDocument(l.id, { url: 'https://docs.example/x.png', format: 'png', path: '/labels/x.png' });
      expect(await storage.labels.documentPath(l.id)).toBe('/labels/x.png');
      expect((await storage.labels.get(l.id))!.documentStored).toBe(true);
      await storage.labels.setTracking(l.id, { tag: 'Delivered', message: 'Signed by A.', updatedAt: NOW });
      expect(await storage.labels.get(l.id)).toMatchObject({
        trackingTag: 'Delivered',
        trackingMessage: 'Signed by A.',
        trackingUpdatedAt: NOW,
      });
      expect(await rejectionCode(storage.labels.setDocument('nope', { url: 'u', format: 'pdf', path: null }))).toBe('label_not_found');
      expect(await rejectionCode(storage.labels.setTracking('nope', { tag: null, message: null, updatedAt: NOW }))).toBe('label_not_found');
      expect(await storage.labels.documentPath('nope')).toBeNull();
    });

    it('pages history newest first; labels of the same time keep their order; cursors neither repeat nor skip', async () => {
      const { storage } = await open();
      const same = NOW - 10_000;
      const labels = await saveAll(storage, [
        ...Array.from({ length: 7 }, (_, i) => label({ createdAt: NOW - 100_000 + i })),
        ...Array.from({ length: 6 }, () => label({ createdAt: same })),
      ]);
      const expected = [...labels.slice(7).reverse(), ...labels.slice(0, 7).reverse()].map((l) => l.id);
      expect(await allPages(storage, { limit: 4 })).toEqual(expected);
      expect(await allPages(storage, { limit: 5 })).toEqual(expected);
      const first = await storage.labels.page(HistoryQuery.parse({ limit: 13 }));
      expect(first.nextCursor).toBeNull();
      expect(await rejectionCode(storage.labels.page(HistoryQuery.parse({ cursor: 'not-a-cursor' })))).toBe('invalid_cursor');
    });

    it('finds order numbers as people type them: without "#", leading zeros, width or case, by their start', async () => {
      const { storage } = await open();
      const [a, b, c] = await saveAll(storage, [
        label({ customerOrderNumber: '#0001001' }),
        label({ customerOrderNumber: null, platformOrderNumber: 'SHOP-1001-B' }),
        label({ customerOrderNumber: 'ＳＯ-１００２' }),
      ]);
      await saveAll(storage, [label({ customerOrderNumber: '2001001' })]);
      expect(await idsOf(storage, { search: { kind: 'order', text: '1001' } })).toEqual([a!.id]);
      expect(await idsOf(storage, { search: { kind: 'order', text: '# 1001' } })).toEqual([a!.id]);
      expect(await idsOf(storage, { search: { kind: 'order', text: 'shop-10' } })).toEqual([b!.id]);
      expect(await idsOf(storage, { search: { kind: 'order', text: 'so-1002' } })).toEqual([c!.id]);
      expect(await idsOf(storage, { search: { kind: 'order', text: '#' } })).toEqual([]);
    });

    it('finds tracking numbers by their start (under 6 characters) or any part (6 or more), in any letter case', async () => {
      const { storage } = await open();
      const [a, b] = await saveAll(storage, [
        label({ trackingNumber: 'YT2409180000123456' }),
        label({ trackingNumber: 'yt2409990000654321' }),
      ]);
      await saveAll(storage, [label({ trackingNumber: null }), label({ trackingNumber: '1ZXY00123456' })]);
      expect(await idsOf(storage, { search: { kind: 'tracking', text: 'yt24' } })).toEqual([b!.id, a!.id]);
      expect(await idsOf(storage, { search: { kind: 'tracking', text: '0000123456' } })).toEqual([a!.id]);
      expect(await idsOf(storage, { search: { kind: 'tracking', text: 'T2409 9900' } })).toEqual([b!.id]);
      expect(await idsOf(storage, { search: { kind: 'tracking', text: '23456' } })).toEqual([]);
      expect(await idsOf(storage, { search: { kind: 'tracking', text: '%%%%%%' } })).toEqual([]);
    });

    it('finds names by any part of 3+ characters, shorter ones by their start, without case, width or spaces', async () => {
      const { storage } = await open();
      const [yamada, hanako, marguerite] = await saveAll(storage, [
        label({ recipientName: 'ＹＡＭＡＤＡ Taro' }),
        label({ recipientName: '山田 花子' }),
        label({ recipientName: 'Marguerite Dupont' }),
      ]);
      await saveAll(storage, [label({ recipientName: '田中 山田' })]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: 'yamadataro' } })).toEqual([yamada!.id]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: 'ada ta' } })).toEqual([yamada!.id]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: 'GUERITE' } })).toEqual([marguerite!.id]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: '山田' } })).toEqual([hanako!.id]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: '田花子' } })).toEqual([hanako!.id]);
    });

    it('finds cities and postal codes by their start (without case, spaces, hyphens or 〒), and label ids by their start', async () => {
      const { storage } = await open();
      const [tokyo, london] = await saveAll(storage, [
        label({ recipientCity: 'Chiyoda-ku', recipientPostalCode: '100-0001' }),
        label({ recipientCity: 'London', recipientPostalCode: 'SW1A 1AA' }),
      ]);
      expect(await idsOf(storage, { search: { kind: 'place', text: '〒100-00' } })).toEqual([tokyo!.id]);
      expect(await idsOf(storage, { search: { kind: 'place', text: 'sw1a1' } })).toEqual([london!.id]);
      expect(await idsOf(storage, { search: { kind: 'place', text: 'CHIYODA' } })).toEqual([tokyo!.id]);
      expect(await idsOf(storage, { search: { kind: 'label', text: london!.id.slice(0, 8).toUpperCase() } })).toEqual([london!.id]);
      expect(await idsOf(storage, { search: { kind: 'any', text: 'london' } })).toEqual([london!.id]);
    });

    it('"any" matches every kind at once, newest first', async () => {
      const { storage } = await open();
      const [byOrder, byName, byTracking] = await saveAll(storage, [
        label({ customerOrderNumber: 'KYOTO-7' }),
        label({ recipientName: 'Kyoto Lab' }),
        label({ trackingNumber: 'KYOTO12345X' }),
      ]);
      await saveAll(storage, [label({})]);
      expect(await idsOf(storage, { search: { kind: 'any', text: 'kyoto' } })).toEqual([byTracking!.id, byName!.id, byOrder!.id]);
    });

    it('filters by status, courier, product, environment, account, tracking state and dates, together with a search', async () => {
      const { storage } = await open();
      const labels = await saveAll(storage, [
        label({ status: 'failed', trackingNumber: null }),
        label({ courier: 'yunexpress', productCode: 'YE-STD' }),
        label({ courier: 'yunexpress', productCode: 'YE-EXP', trackingTag: 'Delivered' }),
        label({ environment: 'demo', accountId: null }),
        label({ accountId: 'acct-2', trackingTag: 'Exception' }),
        label({ trackingTag: 'InTransit', recipientName: 'Kyoto Lab' }),
      ]);
      const [failed, yeStd, yeExp, demo, acct2, transit] = labels;
      expect(await idsOf(storage, { status: 'failed' })).toEqual([failed!.id]);
      expect(await idsOf(storage, { courier: 'yunexpress' })).toEqual([yeExp!.id, yeStd!.id]);
      expect(await idsOf(storage, { productCode: 'YE-STD' })).toEqual([yeStd!.id]);
      expect(await idsOf(storage, { environment: 'demo' })).toEqual([demo!.id]);
      expect(await idsOf(storage, { accountId: 'acct-2' })).toEqual([acct2!.id]);
      expect(await idsOf(storage, { tracking: ['Delivered', 'Exception'] })).toEqual([acct2!.id, yeExp!.id]);
      expect(await idsOf(storage, { tracking: ['untracked'] })).toEqual([demo!.id, yeStd!.id, failed!.id]);
      expect(await idsOf(storage, { from: yeStd!.createdAt, to: demo!.createdAt })).toEqual([demo!.id, yeExp!.id, yeStd!.id]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: 'kyoto' }, tracking: ['InTransit'] })).toEqual([transit!.id]);
      expect(await idsOf(storage, { search: { kind: 'recipient', text: 'kyoto' }, courier: 'yunexpress' })).toEqual([]);
      expect(await idsOf(storage, { environment: 'production', status: 'created', courier: 'dhl' })).toEqual([transit!.id, acct2!.id]);
    });

    it('attention and print-state filters: failed, tracking exception, not moving, print failed, never printed, printed', async () => {
      const now = NOW;
      const { storage } = await open(() => now);
      const [failed, exception, stalled, moved, delivered, printFailed, printedOk, never] = await saveAll(storage, [
        label({ status: 'failed', createdAt: now - 9 * DAY }),
        label({ trackingTag: 'Exception', trackingUpdatedAt: now - DAY, createdAt: now - 8 * DAY }),
        label({ trackingTag: 'InTransit', trackingUpdatedAt: now - 6 * DAY, createdAt: now - 7 * DAY }),
        label({ trackingTag: 'InTransit', trackingUpdatedAt: now - DAY, createdAt: now - 7 * DAY + 1 }),
        label({ trackingTag: 'Delivered', trackingUpdatedAt: now - 6 * DAY, createdAt: now - 7 * DAY + 2 }),
        label({ createdAt: now - 2 * DAY }),
        label({ createdAt: now - 2 * DAY + 1 }),
        label({ createdAt: now - 2 * DAY + 2 }),
      ]);
      await printed(storage, [printFailed!.id, printedOk!.id], 'printed', now - DAY);
      await printed(storage, [printFailed!.id.toUpperCase()], 'failed', now - DAY + 10);
      await printed(storage, [exception!.id, stalled!.id, moved!.id, delivered!.id, failed!.id], 'sent', now - DAY + 20);
      expect(await idsOf(storage, { attention: 'failed' })).toEqual([failed!.id]);
      expect(await idsOf(storage, { attention: 'tracking_exception' })).toEqual([exception!.id]);
      expect(await idsOf(storage, { attention: 'not_moving' })).toEqual([stalled!.id]);
      expect(await idsOf(storage, { attention: 'not_moving', notMovingDays: 1 })).toEqual([
        never!.id,
        printedOk!.id,
        printFailed!.id,
        moved!.id,
        stalled!.id,
        exception!.id,
      ]);
      expect(await idsOf(storage, { attention: 'print_failed' })).toEqual([printFailed!.id]);
      expect(await idsOf(storage, { printState: 'failed' })).toEqual([printFailed!.id]);
      expect(await idsOf(storage, { printState: 'printed' })).toEqual([printedOk!.id]);
      expect(await idsOf(storage, { printState: 'never' })).toEqual([never!.id]);
      expect(await idsOf(storage, { printState: 'sent' })).toEqual([delivered!.id, moved!.id, stalled!.id, exception!.id, failed!.id]);
      expect((await storage.labels.get(printFailed!.id))!.print).toMatchObject({
        state: 'failed',
        printer: 'desk',
        updatedAt: now - DAY + 10,
      });
      expect((await storage.labels.get(never!.id))!.print).toBeUndefined();
    });

    it('ids: the newest matching ids up to the cap, how many match up to the count cap, and whether either was reached', async () => {
      const { storage } = await open();
      const labels = await saveAll(storage, [...Array.from({ length: 12 }, () => label({ courier: 'ups' })), label({ courier: 'dhl' })]);
      const ups = newestFirst(labels.slice(0, 12));
      expect(await storage.labels.ids({ courier: 'ups' }, 5, 100)).toEqual({
        ids: ups.slice(0, 5),
        total: 12,
        capped: true,
        moreThanTotal: false,
      });
      expect(await storage.labels.ids({ courier: 'ups' }, 12, 100)).toEqual({ ids: ups, total: 12, capped: false, moreThanTotal: false });
      // Counting stops at the count cap: "more than 10".
      expect(await storage.labels.ids({ courier: 'ups' }, 5, 10)).toEqual({
        ids: ups.slice(0, 5),
        total: 10,
        capped: true,
        moreThanTotal: true,
      });
      expect(await storage.labels.ids({ courier: 'ups' }, 5, 12)).toEqual({
        ids: ups.slice(0, 5),
        total: 12,
        capped: true,
        moreThanTotal: false,
      });
      // Counted through a search's index (the driver) as through a filter's.
      expect(await storage.labels.ids({ courier: 'ups', search: { kind: 'place', text: 'London' } }, 5, 10)).toEqual({
        ids: ups.slice(0, 5),
        total: 10,
        capped: true,
        moreThanTotal: true,
      });
      expect(await storage.labels.ids({ search: { kind: 'order', text: '#' } }, 5, 10)).toEqual({
        ids: [],
        total: 0,
        capped: false,
        moreThanTotal: false,
      });
    });

    it('exportPage: pages of the matching labels with their postal codes', async () => {
      const { storage } = await open();
      const labels = await saveAll(
        storage,
        Array.from({ length: 5 }, (_, i) => label({ recipientPostalCode: `PC-${i}` })),
      );
      const first = await storage.labels.exportPage({}, null, 3);
      expect(first.items.map((r) => [r.id, r.recipientPostalCode])).toEqual(
        [...labels]
          .reverse()
          .slice(0, 3)
          .map((l) => [l.id, l.recipientPostalCode]),
      );
      const second = await storage.labels.exportPage({}, first.nextCursor, 3);
      expect(second.items.map((r) => r.id)).toEqual([labels[1]!.id, labels[0]!.id]);
      expect(second.nextCursor).toBeNull();
    });

    it('inTransit: created labels of the environment not delivered or cancelled, newest first, up to the limit', async () => {
      const { storage } = await open();
      const [a, , , , e, f] = await saveAll(storage, [
        label({}),
        label({ trackingTag: 'Delivered' }),
        label({ trackingTag: 'Cancelled' }),
        label({ status: 'failed' }),
        label({ trackingTag: 'Exception' }),
        label({ trackingTag: 'InTransit' }),
        label({ environment: 'demo' }),
      ]);
      expect((await storage.labels.inTransit('production')).map((l) => l.id)).toEqual([f!.id, e!.id, a!.id]);
      expect((await storage.labels.inTransit('production', 2)).map((l) => l.id)).toEqual([f!.id, e!.id]);
    });
  });

  describe(`${name}: outbox`, () => {
    it('writes a request as pending with no attempts before it is sent; a key twice is refused', async () => {
      const { storage } = await open();
      const added = await storage.outbox.add(entry(), 1_000);
      expect(added).toEqual({
        ...entry(),
        state: 'pending',
        attempts: 0,
        lastError: null,
        labelId: null,
        createdAt: 1_000,
        updatedAt: 1_000,
      });
      expect(await storage.outbox.get('SO-1001')).toEqual(added);
      expect(await storage.outbox.get('SO-9')).toBeNull();
      expect(await rejectionCode(storage.outbox.add(entry({ body: '{}' }), 2_000))).toBe('outbox_key_exists');
      expect((await storage.outbox.get('SO-1001'))!.body).toBe(entry().body);
    });

    it('unresolved: pending and in-doubt entries oldest first, optionally of one environment', async () => {
      const { storage } = await open();
      for (const [key, environment, at] of [
        ['K3', 'production', 3_000],
        ['K1', 'production', 1_000],
        ['K2', 'demo', 2_000],
        ['K4', 'production', 4_000],
        ['K5', 'production', 5_000],
      ] as const) {
        await storage.outbox.add(entry({ idempotencyKey: key, environment, orderNumber: key }), at);
      }
      await storage.outbox.recordAttempt('K3', { state: 'in_doubt', lastError: 'timeout' }, 6_000);
      await storage.outbox.recordAttempt('K4', { state: 'done', labelId: 'L4' }, 6_000);
      await storage.outbox.recordAttempt('K5', { state: 'invalid', lastError: 'postal code' }, 6_000);
      expect((await storage.outbox.unresolved()).map((e) => e.idempotencyKey)).toEqual(['K1', 'K2', 'K3']);
      expect((await storage.outbox.unresolved('production')).map((e) => e.idempotencyKey)).toEqual(['K1', 'K3']);
    });

    it('latestForOrder and countForOrder: per order number and environment', async () => {
      const { storage } = await open();
      await storage.outbox.add(entry({ idempotencyKey: 'SO-1', orderNumber: 'SO-1' }), 1_000);
      await storage.outbox.add(entry({ idempotencyKey: 'SO-1#2', orderNumber: 'SO-1' }), 2_000);
      await storage.outbox.add(entry({ idempotencyKey: 'SO-1-demo', orderNumber: 'SO-1', environment: 'demo' }), 3_000);
      expect((await storage.outbox.latestForOrder('production', 'SO-1'))!.idempotencyKey).toBe('SO-1#2');
      expect(await storage.outbox.latestForOrder('production', 'SO-2')).toBeNull();
      expect(await storage.outbox.countForOrder('production', 'SO-1')).toBe(2);
      expect(await storage.outbox.countForOrder('demo', 'SO-1')).toBe(1);
      expect(await storage.outbox.countForOrder('production', 'SO-2')).toBe(0);
    });

    it('recordAttempt counts attempts; a final state refuses another outcome but records the same one again', async () => {
      const { storage } = await open();
      await storage.outbox.add(entry(), 1_000);
      expect(await storage.outbox.recordAttempt('SO-1001', { state: 'in_doubt', lastError: 'timeout' }, 2_000)).toMatchObject({
        state: 'in_doubt',
        attempts: 1,
        lastError: 'timeout',
        updatedAt: 2_000,
      });
      expect(await storage.outbox.recordAttempt('SO-1001', { state: 'done', labelId: 'L1' }, 3_000)).toMatchObject({
        state: 'done',
        attempts: 2,
        lastError: null,
        labelId: 'L1',
      });
      expect(await storage.outbox.recordAttempt('SO-1001', { state: 'done' }, 4_000)).toMatchObject({ attempts: 3, labelId: 'L1' });
      expect(await rejectionCode(storage.outbox.recordAttempt('SO-1001', { state: 'in_doubt' }, 5_000))).toBe('outbox_entry_final');
      expect(await rejectionCode(storage.outbox.recordAttempt('SO-9', { state: 'done' }, 5_000))).toBe('outbox_key_unknown');
      expect(await storage.outbox.get('SO-1001')).toMatchObject({ state: 'done', attempts: 3, updatedAt: 4_000 });
    });

    it('replaceBody: only for a request refused as invalid, which becomes pending again', async () => {
      const { storage } = await open();
      await storage.outbox.add(entry(), 1_000);
      expect(await rejectionCode(storage.outbox.replaceBody('SO-1001', '{"fixed":true}', 2_000))).toBe('outbox_not_invalid');
      await storage.outbox.recordAttempt('SO-1001', { state: 'invalid', lastError: 'postal code' }, 2_000);
      expect(await storage.outbox.replaceBody('SO-1001', '{"fixed":true}', 3_000)).toMatchObject({
        body: '{"fixed":true}',
        state: 'pending',
        lastError: null,
        attempts: 1,
        updatedAt: 3_000,
      });
      expect(await rejectionCode(storage.outbox.replaceBody('SO-9', '{}', 3_000))).toBe('outbox_key_unknown');
    });

    it('recordAnswer: the label and the answer together; an existing label is kept; a refused answer saves no label', async () => {
      const { storage } = await open();
      await storage.outbox.add(entry(), 1_000);
      const l = label({ customerOrderNumber: 'SO-1001', idempotencyKey: 'SO-1001' });
      expect(await storage.outbox.recordAnswer('SO-1001', { state: 'done', labelId: l.id }, l, 2_000)).toMatchObject({
        state: 'done',
        labelId: l.id,
        attempts: 1,
      });
      expect(await storage.labels.get(l.id)).toEqual(recordOf(l));
      // A second answer (a replay) does not overwrite the label recorded first.
      await storage.outbox.recordAnswer('SO-1001', { state: 'done', labelId: l.id }, { ...l, recipientName: 'Someone Else' }, 3_000);
      expect((await storage.labels.get(l.id))!.recipientName).toBe(l.recipientName);
      // Both or neither: an answer the outbox refuses leaves no label behind.
      const orphan = label();
      expect(await rejectionCode(storage.outbox.recordAnswer('SO-9', { state: 'done', labelId: orphan.id }, orphan, 4_000))).toBe(
        'outbox_key_unknown',
      );
      await storage.outbox.add(entry({ idempotencyKey: 'K-REJ', orderNumber: 'K-REJ' }), 4_000);
      await storage.outbox.recordAttempt('K-REJ', { state: 'rejected', labelId: 'x' }, 4_000);
      expect(await rejectionCode(storage.outbox.recordAnswer('K-REJ', { state: 'done', labelId: orphan.id }, orphan, 5_000))).toBe(
        'outbox_entry_final',
      );
      expect(await storage.labels.get(orphan.id)).toBeNull();
      expect(await storage.labels.count()).toBe(1);
    });

    it('claim takes an unresolved entry for this station, never a resolved or unknown one; claimUnresolved takes the oldest', async () => {
      const { storage } = await open();
      for (const [key, at] of [
        ['K2', 2_000],
        ['K1', 1_000],
        ['K3', 3_000],
      ] as const) {
        await storage.outbox.add(entry({ idempotencyKey: key, orderNumber: key }), at);
      }
      await storage.outbox.recordAttempt('K3', { state: 'in_doubt' }, 4_000);
      await storage.outbox.recordAttempt('K2', { state: 'done', labelId: 'L2' }, 4_000);
      expect(await storage.outbox.claim('K3', 5_000)).toMatchObject({ idempotencyKey: 'K3', state: 'in_doubt' });
      // Its own lease does not keep a station from its own entry.
      expect(await storage.outbox.claim('K3', 5_000)).toMatchObject({ idempotencyKey: 'K3' });
      expect(await storage.outbox.claim('K2', 5_000)).toBeNull();
      expect(await storage.outbox.claim('K9', 5_000)).toBeNull();
      expect((await storage.outbox.claimUnresolved(10, 5_000)).map((e) => e.idempotencyKey)).toEqual(['K1', 'K3']);
      expect((await storage.outbox.claimUnresolved(1, 5_000)).map((e) => e.idempotencyKey)).toEqual(['K1']);
      await storage.outbox.release('K1');
      expect(await storage.outbox.claim('K1', 5_000)).toMatchObject({ idempotencyKey: 'K1', state: 'pending' });
    });
  });

  describe(`${name}: print log`, () => {
    const job = (n: number, labelIds: string[], over: Partial<PrintJobRecord> = {}): PrintJobRecord => ({
      id: `job-${n}`,
      labelIds,
      profileId: 'profile-1',
      printer: 'desk',
      copies: 1,
      osJobId: `desk-${n}`,
      state: 'sent',
      errorCode: null,
      message: null,
      createdAt: NOW + n,
      ...over,
    });

    it('records jobs with their labels in print order; newest first; every job of a label, in any letter case', async () => {
      const { storage } = await open();
      await storage.printLog.record(job(1, ['c', 'A', 'b']));
      await storage.printLog.record(job(2, ['a'], { state: 'failed', osJobId: null, errorCode: 'print_failed', message: 'Out of paper' }));
      await storage.printLog.record(job(3, []));
      expect((await storage.printLog.recent()).map((j) => j.id)).toEqual(['job-3', 'job-2', 'job-1']);
      expect(await storage.printLog.recent(1)).toEqual([job(3, [])]);
      expect(await storage.printLog.get('job-1')).toEqual(job(1, ['c', 'A', 'b']));
      expect(await storage.printLog.get('job-9')).toBeNull();
      expect((await storage.printLog.forLabel('a')).map((j) => j.id)).toEqual(['job-2', 'job-1']);
      expect((await storage.printLog.forLabel('B')).map((j) => j.id)).toEqual(['job-1']);
      expect(await storage.printLog.forLabel('nothing')).toEqual([]);
      await expect(storage.printLog.record(job(1, ['b']))).rejects.toThrow();
      expect((await storage.printLog.forLabel('b')).map((j) => j.id)).toEqual(['job-1']);
    });

    it("entries name each label's order and tracking number; a settled outcome is the job's state and its labels'", async () => {
      const { storage } = await open();
      const l = label({ customerOrderNumber: 'SO-77', trackingNumber: 'YT77' });
      await storage.labels.save(l);
      await storage.printLog.record(job(1, [l.id, 'gone']));
      await storage.printLog.record(job(2, ['gone']));
      expect((await storage.printLog.entries({ labelId: l.id.toUpperCase() })).map((e) => [e.id, e.labels])).toEqual([
        [
          'job-1',
          [
            { id: l.id, orderNumber: 'SO-77', trackingNumber: 'YT77' },
            { id: 'gone', orderNumber: null, trackingNumber: null },
          ],
        ],
      ]);
      expect((await storage.printLog.entries()).map((e) => e.id)).toEqual(['job-2', 'job-1']);
      // job-2 is gone's newest job: settling job-1 changes only l's print state.
      expect(
        await storage.printLog.settle('job-1', { state: 'failed', errorCode: 'print_job_failed', message: 'Jammed', at: NOW + 10 }),
      ).toMatchObject({
        id: 'job-1',
        state: 'failed',
        errorCode: 'print_job_failed',
        message: 'Jammed',
      });
      expect((await storage.labels.get(l.id))!.print).toEqual({
        state: 'failed',
        jobId: 'job-1',
        printer: 'desk',
        osJobId: 'desk-1',
        message: 'Jammed',
        updatedAt: NOW + 10,
      });
      expect(await storage.printLog.settle('job-404', { state: 'printed', errorCode: null, message: null, at: NOW })).toBeNull();
    });

    it('a label listed twice in one job (in any letter case) keeps both places and one print state, of the newest job', async () => {
      const { storage } = await open();
      const l = label({ customerOrderNumber: 'SO-78' });
      await storage.labels.save(l);
      await storage.printLog.record(job(1, [l.id, 'other', l.id.toUpperCase()]));
      expect((await storage.printLog.get('job-1'))!.labelIds).toEqual([l.id, 'other', l.id.toUpperCase()]);
      expect((await storage.labels.get(l.id))!.print).toMatchObject({ state: 'sent', jobId: 'job-1' });
      await storage.printLog.record(job(2, [l.id], { state: 'failed', osJobId: null, errorCode: 'print_failed', message: 'Lid open' }));
      expect((await storage.labels.get(l.id))!.print).toMatchObject({ state: 'failed', jobId: 'job-2', message: 'Lid open' });
      expect((await storage.printLog.forLabel(l.id)).map((j) => j.id)).toEqual(['job-2', 'job-1']);
    });

    it('unfinished: jobs the OS accepted since a time whose outcome is open (none yet, or waiting), newest first', async () => {
      const { storage } = await open();
      await storage.printLog.record(job(1, ['a']));
      await storage.printLog.record(job(2, ['b']));
      await storage.printLog.record(job(3, ['c']));
      await storage.printLog.record(job(4, ['d'], { state: 'failed', osJobId: null, errorCode: 'print_failed', message: 'No printer' }));
      await storage.printLog.record(job(5, ['e'], { osJobId: null }));
      await storage.printLog.settle('job-2', { state: 'printed', errorCode: null, message: null, at: NOW + 20 });
      await storage.printLog.settle('job-3', { state: 'waiting', errorCode: null, message: 'Paused', at: NOW + 20 });
      expect((await storage.printLog.unfinished(NOW, 10)).map((j) => j.id)).toEqual(['job-3', 'job-1']);
      expect((await storage.printLog.unfinished(NOW + 2, 10)).map((j) => j.id)).toEqual(['job-3']);
      expect((await storage.printLog.unfinished(NOW, 1)).map((j) => j.id)).toEqual(['job-3']);
    });
  });
}
