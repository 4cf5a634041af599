import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import {
  createSqliteLabelStore as createLabelStore,
  type SqliteLabelStore as LabelStore,
  type NewLabel,
} from '../../electron/core/labels/label-store';
import { HistoryQuery, type HistoryPage, type LabelRecord } from '../../shared/domain/labels';
import { codeOf } from '../support/station-error';

const opened: StationDatabase[] = [];
const open = (file = join(mkdtempSync(join(tmpdir(), 'ffs-db-labels-')), 'station.sqlite')) => {
  const database = openDatabase(file);
  opened.push(database);
  return { database, store: createLabelStore(database), file };
};
afterEach(() => opened.splice(0).forEach((d) => d.close()));

let serial = 0;
const uuid = (n: number) => `${n.toString(16).padStart(8, '0')}-0000-4000-8000-${(n * 7919).toString(16).padStart(12, '0')}`;
const label = (overrides: Partial<NewLabel> = {}): NewLabel => {
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
    createdAt: 1_700_000_000_000 + n,
    documentUrl: null,
    documentFormat: null,
    trackingTag: null,
    trackingMessage: null,
    trackingUpdatedAt: null,
    ...overrides,
  };
};

const query = (input: HistoryQuery = {}) => HistoryQuery.parse(input);
const ids = (page: HistoryPage | LabelRecord[]) => ('items' in page ? page.items : page).map((l) => l.id);
/** Every page of a query, following the cursor to the end. */
function allPages(store: LabelStore, input: HistoryQuery) {
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = store.page(query({ ...input, cursor }));
    seen.push(...ids(page));
    if (!page.nextCursor) return seen;
    cursor = page.nextCursor;
  }
  throw new Error('cursor never ended');
}

describe('label store', () => {
  it('saves a label and reads it back as a history record, documentStored false until a file is stored', () => {
    const { store } = open();
    const saved = label();
    store.save(saved);
    expect(store.get(saved.id)).toEqual({ ...saved, documentStored: false });
    expect(store.get('no-such-label')).toBeNull();
    expect(store.count()).toBe(1);
  });

  it('keeps a replayed label saved twice as one row, in its first place in history', () => {
    const { store } = open();
    const first = label({ createdAt: 1_000 });
    store.save(first);
    store.save(label({ id: first.id, createdAt: 9_000, courierOrderNumber: 'C-replayed', customerOrderNumber: first.customerOrderNumber }));
    expect(store.count()).toBe(1);
    expect(store.get(first.id)).toMatchObject({ createdAt: 1_000, courierOrderNumber: 'C-replayed' });
    expect(ids(store.page(query()))).toEqual([first.id]);
  });

  it('does not let a replay forget the stored document or the tracking it does not carry', () => {
    const { store } = open();
    const saved = label();
    store.save(saved);
    store.setDocument(saved.id, { url: 'https://docs.example/l.pdf', format: 'pdf', path: '/data/labels/l.pdf' });
    store.setTracking(saved.id, { tag: 'InTransit', message: 'Departed hub', updatedAt: 5 });
    store.save(saved);
    expect(store.get(saved.id)).toMatchObject({
      documentUrl: 'https://docs.example/l.pdf',
      documentFormat: 'pdf',
      documentStored: true,
      trackingTag: 'InTransit',
      trackingMessage: 'Departed hub',
      trackingUpdatedAt: 5,
    });
    expect(store.documentPath(saved.id)).toBe('/data/labels/l.pdf');
  });

  it('records the document and tracking of a label, and refuses an unknown id', () => {
    const { store } = open();
    const saved = label();
    store.save(saved);
    expect(store.documentPath(saved.id)).toBeNull();
    store.setDocument(saved.id, { url: 'https://docs.example/l.png', format: 'png', path: null });
    expect(store.get(saved.id)).toMatchObject({ documentUrl: 'https://docs.example/l.png', documentFormat: 'png', documentStored: false });
    store.setDocument(saved.id, { url: 'https://docs.example/l.png', format: 'png', path: '/data/l.png' });
    expect(store.get(saved.id)?.documentStored).toBe(true);
    store.setTracking(saved.id, { tag: 'Delivered', message: null, updatedAt: 42 });
    expect(store.get(saved.id)).toMatchObject({ trackingTag: 'Delivered', trackingMessage: null, trackingUpdatedAt: 42 });
    expect(codeOf(() => store.setDocument('missing', { url: 'u', format: 'pdf', path: null }))).toBe('label_not_found');
    expect(codeOf(() => store.setTracking('missing', { tag: null, message: null, updatedAt: 1 }))).toBe('label_not_found');
    expect(store.documentPath('missing')).toBeNull();
  });

  it('finds the labels of an order by customer or platform order number, in that environment only, newest first', () => {
    const { store } = open();
    const a = label({ customerOrderNumber: 'SO-7', createdAt: 1 });
    const b = label({ customerOrderNumber: 'X', platformOrderNumber: 'so-7', createdAt: 3 });
    const c = label({ customerOrderNumber: 'SO-7', createdAt: 2, status: 'failed' });
    const elsewhere = label({ customerOrderNumber: 'SO-7', environment: 'demo' });
    const prefixOnly = label({ customerOrderNumber: 'SO-77' });
    [a, b, c, elsewhere, prefixOnly].forEach((l) => store.save(l));
    expect(ids(store.forOrder('production', 'SO-7'))).toEqual([b.id, c.id, a.id]);
    expect(ids(store.forOrder('demo', 'SO-7'))).toEqual([elsewhere.id]);
    expect(store.forOrder('development', 'SO-7')).toEqual([]);
  });

  it('tells which of many order numbers have a created label, matched as forOrder matches, in one query', () => {
    const { store } = open();
    store.save(label({ customerOrderNumber: 'SO-7' }));
    store.save(label({ customerOrderNumber: 'X', platformOrderNumber: 'PL-1' }));
    store.save(label({ customerOrderNumber: 'SO-8', status: 'failed' }));
    store.save(label({ customerOrderNumber: 'SO-9', environment: 'demo' }));
    store.save(label({ customerOrderNumber: 'SO-77' }));
    const asked = ['so-7', 'pl-1', 'SO-8', 'SO-9', 'SO-7 ', 'SO-1', '12345'];
    expect(store.createdForOrders('production', asked)).toEqual(new Set(['so-7', 'pl-1']));
    expect(store.createdForOrders('demo', asked)).toEqual(new Set(['SO-9']));
    expect(store.createdForOrders('production', [])).toEqual(new Set());
  });

  it('lists created labels still moving (tracking not Delivered or Cancelled), newest first, up to the limit', () => {
    const { store } = open();
    const fresh = label({ createdAt: 10 });
    const moving = label({ createdAt: 9, trackingTag: 'InTransit' });
    const stuck = label({ createdAt: 8, trackingTag: 'Exception' });
    const delivered = label({ createdAt: 7, trackingTag: 'Delivered' });
    const cancelled = label({ createdAt: 6, trackingTag: 'Cancelled' });
    const failed = label({ createdAt: 5, status: 'failed', trackingNumber: null });
    const demo = label({ createdAt: 4, environment: 'demo' });
    [fresh, moving, stuck, delivered, cancelled, failed, demo].forEach((l) => store.save(l));
    expect(ids(store.inTransit('production'))).toEqual([fresh.id, moving.id, stuck.id]);
    expect(ids(store.inTransit('production', 2))).toEqual([fresh.id, moving.id]);
    store.setTracking(moving.id, { tag: 'Delivered', message: 'Signed by A.', updatedAt: 11 });
    expect(ids(store.inTransit('production'))).toEqual([fresh.id, stuck.id]);
    expect(ids(store.inTransit('demo'))).toEqual([demo.id]);
  });

  describe('history', () => {
    it('pages newest first and never repeats or skips a label when labels share a timestamp', () => {
      const { store } = open();
      const saved = Array.from({ length: 23 }, (_, i) => label({ createdAt: 1_000 + Math.floor(i / 5) }));
      // Saved out of time order: the page order must come from createdAt, then insertion.
      [...saved.slice(10), ...saved.slice(0, 10)].forEach((l) => store.save(l));
      const pages: HistoryPage[] = [];
      let cursor: string | undefined;
      do {
        const page = store.page(query({ limit: 4, cursor }));
        pages.push(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const seen = pages.flatMap((p) => ids(p));
      expect(new Set(seen).size).toBe(23);
      expect(seen).toHaveLength(23);
      expect(pages.map((p) => p.items.length)).toEqual([4, 4, 4, 4, 4, 3]);
      const times = pages.flatMap((p) => p.items.map((l) => l.createdAt));
      expect(times).toEqual([...times].sort((x, y) => y - x));
    });

    it('ends with a null cursor exactly when the last label has been shown', () => {
      const { store } = open();
      expect(store.page(query())).toEqual({ items: [], nextCursor: null });
      [label(), label()].forEach((l) => store.save(l));
      expect(store.page(query({ limit: 2 })).nextCursor).toBeNull();
      expect(store.page(query({ limit: 1 })).nextCursor).not.toBeNull();
    });

    it('refuses a cursor it did not make', () => {
      const { store } = open();
      expect(codeOf(() => store.page(query({ cursor: 'not-a-cursor' })))).toBe('invalid_cursor');
    });

    it('searches order numbers (customer or platform) case-insensitively, exact or by prefix', () => {
      const { store } = open();
      const a = label({ customerOrderNumber: 'SO-2025-0042' });
      const b = label({ customerOrderNumber: null, platformOrderNumber: 'so-2025-0420' });
      const c = label({ customerOrderNumber: 'AMZ-1', platformOrderNumber: 'XSO-2025' });
      [a, b, c].forEach((l) => store.save(l));
      const search = (text: string) => ids(store.page(query({ search: { kind: 'order', text } })));
      expect(search('so-2025-0042')).toEqual([a.id]);
      expect(search('SO-2025-04')).toEqual([b.id]);
      expect(search('So-2025')).toEqual([b.id, a.id]);
      expect(search('2025')).toEqual([]); // prefix, not substring
    });

    it('searches tracking numbers and label ids case-insensitively, exact or by prefix', () => {
      const { store } = open();
      const a = label({ id: 'aa11bb22-0000-4000-8000-000000000001', trackingNumber: '1ZABC0001' });
      const b = label({ id: 'aa11cc33-0000-4000-8000-000000000002', trackingNumber: '1ZABD0002' });
      [a, b].forEach((l) => store.save(l));
      expect(ids(store.page(query({ search: { kind: 'tracking', text: '1zab' } })))).toEqual([b.id, a.id]);
      expect(ids(store.page(query({ search: { kind: 'tracking', text: '1ZABC0001' } })))).toEqual([a.id]);
      expect(ids(store.page(query({ search: { kind: 'label', text: 'AA11CC' } })))).toEqual([b.id]);
      expect(ids(store.page(query({ search: { kind: 'label', text: a.id } })))).toEqual([a.id]);
      expect(ids(store.page(query({ search: { kind: 'label', text: 'bb22' } })))).toEqual([]);
    });

    it('finds a recipient by a middle substring, in any script and case', () => {
      const { store } = open();
      const ada = label({ recipientName: 'Ada Lovelace' });
      const taro = label({ recipientName: '山田 太郎' });
      const elodie = label({ recipientName: 'Élodie Lefèvre' });
      const ivan = label({ recipientName: 'Иван Петров' });
      [ada, taro, elodie, ivan].forEach((l) => store.save(l));
      const search = (text: string) => ids(store.page(query({ search: { kind: 'recipient', text } })));
      expect(search('ovela')).toEqual([ada.id]);
      expect(search('LOVELACE')).toEqual([ada.id]);
      expect(search('田 太郎')).toEqual([taro.id]);
      expect(search('élodie')).toEqual([elodie.id]);
      expect(search('ПЕТР')).toEqual([ivan.id]);
      expect(search('"quoted" name')).toEqual([]);
    });

    it('matches one- and two-character recipient text against the start of the name', () => {
      const { store } = open();
      const ada = label({ recipientName: 'Ada Lovelace' });
      const yamada = label({ recipientName: '山田 太郎' });
      const da = label({ recipientName: 'Dan Brown' });
      [ada, yamada, da].forEach((l) => store.save(l));
      const search = (text: string) => ids(store.page(query({ search: { kind: 'recipient', text } })));
      expect(search('ad')).toEqual([ada.id]);
      expect(search('D')).toEqual([da.id]);
      expect(search('山田')).toEqual([yamada.id]);
      expect(search('田')).toEqual([]);
    });

    it('finds a label by any of its order, tracking, recipient or id with kind "any"', () => {
      const { store } = open();
      const a = label({
        customerOrderNumber: 'ZX-1',
        trackingNumber: 'TRK-9',
        recipientName: 'Grace Hopper',
        id: 'feed0000-0000-4000-8000-000000000001',
      });
      const other = label({ recipientName: 'Alan Turing' });
      [a, other].forEach((l) => store.save(l));
      for (const text of ['zx-1', 'trk', 'hopper', 'FEED00'])
        expect(ids(store.page(query({ search: { kind: 'any', text } })))).toEqual([a.id]);
    });

    it('combines filters with search and the cursor, matching a plain scan of every label', () => {
      const { store } = open();
      const all: NewLabel[] = [];
      const names = ['Anna Karenina', 'Hanna Schmidt', 'Johann Bach', '佐藤 花子', 'Susanna Berg'];
      for (let i = 0; i < 400; i++) {
        const l = label({
          createdAt: 10_000 + Math.floor(i / 3),
          environment: i % 4 === 0 ? 'demo' : 'production',
          accountId: i % 5 === 0 ? null : `acct-${i % 3}`,
          status: i % 7 === 0 ? 'failed' : 'created',
          recipientName: names[i % names.length]!,
          customerOrderNumber: `ORD-${i % 50}`,
        });
        all.push(l);
        store.save(l);
      }
      const newestFirst = [...all].reverse(); // createdAt never decreases with i
      const cases: [HistoryQuery, (l: NewLabel) => boolean][] = [
        [{ search: { kind: 'recipient', text: 'anna' } }, (l) => l.recipientName.toLowerCase().includes('anna')],
        [
          { search: { kind: 'recipient', text: 'anna' }, status: 'created', environment: 'production' },
          (l) => l.recipientName.toLowerCase().includes('anna') && l.status === 'created' && l.environment === 'production',
        ],
        [
          { search: { kind: 'order', text: 'ord-1' }, accountId: 'acct-1', from: 10_020, to: 10_100 },
          (l) => l.customerOrderNumber!.startsWith('ORD-1') && l.accountId === 'acct-1' && l.createdAt >= 10_020 && l.createdAt <= 10_100,
        ],
        [
          { search: { kind: 'any', text: 'ORD-4' }, status: 'failed' },
          (l) => l.customerOrderNumber!.startsWith('ORD-4') && l.status === 'failed',
        ],
        [{ environment: 'demo', from: 10_050 }, (l) => l.environment === 'demo' && l.createdAt >= 10_050],
      ];
      for (const [input, keep] of cases) {
        const expected = newestFirst.filter(keep).map((l) => l.id);
        expect(expected.length).toBeGreaterThan(3);
        expect(allPages(store, { ...input, limit: 3 })).toEqual(expected);
      }
    });

    it('a prefix matching only old labels (order numbers grow) walks the newest few, then collects the older candidates: same pages', () => {
      const { database } = open();
      const store = createLabelStore(database);
      const bounded = createLabelStore(database, { walkBudget: 40 });
      const all: NewLabel[] = [];
      // 1,300 of last year's orders, then 200 of this year's: "so-2025" matches no label among the newest 200.
      for (let i = 0; i < 1_500; i++) {
        const l = label({ createdAt: 80_000 + i, customerOrderNumber: i < 1_300 ? `SO-2025-${i}` : `SO-2026-${i}` });
        all.push(l);
        store.save(l);
      }
      const expected = [...all]
        .reverse()
        .filter((l) => l.customerOrderNumber!.startsWith('SO-2025'))
        .map((l) => l.id);
      for (const limit of [7, 50]) {
        expect(allPages(bounded, { search: { kind: 'order', text: 'so-2025' }, limit })).toEqual(expected);
        expect(allPages(store, { search: { kind: 'order', text: 'so-2025' }, limit })).toEqual(expected);
      }
      // The walk's window holds some (this year's): found there, the rest from the candidates.
      const thisYear = [...all]
        .reverse()
        .filter((l) => l.customerOrderNumber!.startsWith('SO-2026'))
        .map((l) => l.id);
      expect(allPages(bounded, { search: { kind: 'order', text: 'SO-2026' }, limit: 30 })).toEqual(thisYear);
    });

    it('returns the same labels whether a search collects its candidates or walks history newest first', () => {
      const { database } = open();
      const store = createLabelStore(database);
      const plans = {
        auto: store,
        collect: createLabelStore(database, { searchPlan: 'collect' }),
        walk: createLabelStore(database, { searchPlan: 'walk' }),
        // A walk that gives up after 40 labels and collects the older candidates.
        bounded: createLabelStore(database, { walkBudget: 40 }),
      };
      const all: NewLabel[] = [];
      for (let i = 0; i < 1_500; i++) {
        const common = i % 10 !== 0;
        const l = label({
          createdAt: 50_000 + Math.floor(i / 2),
          recipientName: common ? `Maria Hernández ${i}` : `Zoë Ødegård ${i}`,
          customerOrderNumber: common ? `MX-${i}` : `NO-${i}`,
          platformOrderNumber: i % 3 === 0 ? `mx-p${i}` : null,
          trackingNumber: common ? `YT${i}` : `LX${i}`,
          status: i % 4 === 0 ? 'failed' : 'created',
          environment: i % 5 === 0 ? 'demo' : 'production',
        });
        all.push(l);
        store.save(l);
      }
      const newestFirst = [...all].reverse();
      const lower = (s: string | null) => (s ?? '').toLowerCase();
      const check = (input: HistoryQuery, keep: (l: NewLabel) => boolean) => {
        const expected = newestFirst.filter(keep).map((l) => l.id);
        for (const [plan, planned] of Object.entries(plans)) {
          for (const limit of [7, 200])
            expect({ plan, limit, ids: allPages(planned, { ...input, limit }) }).toEqual({ plan, limit, ids: expected });
        }
      };
      const recipient = (text: string) => (l: NewLabel) =>
        [...text].length < 3 ? lower(l.recipientName).startsWith(text.toLowerCase()) : lower(l.recipientName).includes(text.toLowerCase());
      const order = (text: string) => (l: NewLabel) =>
        [l.customerOrderNumber, l.platformOrderNumber].some((n) => lower(n).startsWith(text.toLowerCase()));
      for (const text of ['hernández', 'ødegård', 'ria hern', 'MA', 'zo']) {
        check({ search: { kind: 'recipient', text } }, recipient(text));
        check(
          { search: { kind: 'recipient', text }, status: 'failed', from: 50_100 },
          (l) => recipient(text)(l) && l.status === 'failed' && l.createdAt >= 50_100,
        );
      }
      for (const text of ['mx-', 'MX-1', 'no-', 'mx-p']) {
        check({ search: { kind: 'order', text } }, order(text));
        check(
          { search: { kind: 'order', text }, environment: 'demo', to: 50_600 },
          (l) => order(text)(l) && l.environment === 'demo' && l.createdAt <= 50_600,
        );
      }
      check({ search: { kind: 'tracking', text: 'yt' } }, (l) => lower(l.trackingNumber).startsWith('yt'));
      check(
        { search: { kind: 'any', text: 'MX' } },
        (l) => order('mx')(l) || recipient('mx')(l) || lower(l.trackingNumber).startsWith('mx') || lower(l.id).startsWith('mx'),
      );
      check({ search: { kind: 'any', text: 'dez 1' } }, (l) => recipient('dez 1')(l));
    });

    it('treats search text literally: quotes, % and _ are not operators', () => {
      const { store } = open();
      const odd = label({ recipientName: 'Bob "The Builder" O\'Neil', customerOrderNumber: '100%_A' });
      const plain = label({ recipientName: 'Bob Builder', customerOrderNumber: '100XYA' });
      [odd, plain].forEach((l) => store.save(l));
      expect(ids(store.page(query({ search: { kind: 'recipient', text: '"The Builder"' } })))).toEqual([odd.id]);
      expect(ids(store.page(query({ search: { kind: 'recipient', text: "O'Neil" } })))).toEqual([odd.id]);
      expect(ids(store.page(query({ search: { kind: 'order', text: '100%_' } })))).toEqual([odd.id]);
      expect(ids(store.page(query({ search: { kind: 'any', text: 'AND OR NOT' } })))).toEqual([]);
    });
  });
});
