import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import type { NewLabel } from '../../electron/core/labels/label-store';
import { openStorage, type Storage } from '../../electron/core/storage';
import { HistoryQuery, TrackingStateFilter, type HistoryFilter } from '../../shared/domain/labels';
import { createPool } from '../../electron/core/storage/pg/pool';
import { pgTodayTally } from '../../electron/core/today/pg-today-tally';
import { createTodaySummary, sqliteTodayTally } from '../../electron/core/today/today-summary';
import { timeFormat } from '../../shared/domain/time-format';
import type { EnvironmentId } from '../../shared/domain/environment';
import { createTestDatabase, type TestDatabase } from '../support/postgres';
import { NOW, printed } from './storage.contract';

// The same labels in SQLite and in PostgreSQL give the same history: every search kind with
// texts taken from the labels (whole, parts, starts, other widths and cases), every filter,
// page by page, with the same cursors (each backend's cursor opens the other's next page).
const DAY = 86_400_000;
/** A small deterministic generator (mulberry32), so a failure names a data set that comes back. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const next = random(18);
const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
const wide = (text: string) => text.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const NAMES = [
  'Ada Lovelace',
  'ＹＡＭＡＤＡ Taro',
  '山田 花子',
  '山田太郎',
  'Marguerite Dupont',
  'Chen Wei',
  '陳 大文',
  'Ólafur Arnalds',
  "o'Brien 100%",
];
const CITIES = ['London', 'Chiyoda-ku', '東京', 'Los Angeles', 'São Paulo', null];
const POSTAL = ['SW1A 1AA', '100-0001', '〒150-0002', '90001', null];
const TAGS = [null, 'InTransit', 'Delivered', 'Exception', 'Cancelled', 'Pending', 'InfoReceived'] as const;

const labels: NewLabel[] = Array.from({ length: 360 }, (_, i) => {
  const failed = next() < 0.12;
  const n = 1000 + Math.floor(next() * 400);
  const order = pick([`#000${n}`, `SO-${n}`, `so-${n}`, wide(`SO-${n}`), `${n}`, null]);
  const tag = failed ? null : pick(TAGS);
  const createdAt = NOW - Math.floor(next() * 20) * DAY - (next() < 0.3 ? 0 : Math.floor(next() * DAY));
  return {
    id: `${(0x10000000 + i * 7919).toString(16)}-aaaa-4bbb-8ccc-${String(i).padStart(12, '0')}`,
    environment: pick(['production', 'production', 'demo', 'development'] as const),
    accountId: pick(['acct-1', 'acct-2', null]),
    idempotencyKey: `K-${i}`,
    status: failed ? 'failed' : 'created',
    courier: pick(['dhl', 'yunexpress', 'ups']),
    productCode: pick(['P-EXP', 'YE-STD', 'YE-EXP', null]),
    customerOrderNumber: order,
    platformOrderNumber: next() < 0.2 ? `SHOP-${n}-B` : null,
    courierOrderNumber: null,
    trackingNumber: failed ? null : pick([`YT24${String(n).padStart(10, '0')}`, `1z${n}XY${i}`, `JP${i}${n}`]),
    recipientName: pick(NAMES),
    recipientCountry: 'GB',
    recipientCity: pick(CITIES),
    errorCode: failed ? 'ADDRESS_INVALID' : null,
    errorMessage: failed ? 'No such street' : null,
    createdAt,
    documentUrl: null,
    documentFormat: null,
    trackingTag: tag,
    trackingMessage: tag ? `news ${i}` : null,
    trackingUpdatedAt: tag ? createdAt + Math.floor(next() * 10) * DAY : null,
    fingerprint: null,
    recipientPostalCode: pick(POSTAL),
  };
});

/** Search texts: parts of what the labels hold, as people type them, and texts that are no key. */
function searches(): NonNullable<HistoryFilter['search']>[] {
  const out: NonNullable<HistoryFilter['search']>[] = [];
  const take = (text: string | null | undefined, from: number, to: number) => (text ? text.slice(from, to) : '');
  for (let i = 0; i < 40; i++) {
    const l = pick(labels);
    out.push(
      { kind: 'order', text: take(l.customerOrderNumber, 0, 2 + Math.floor(next() * 6)) || '#' },
      { kind: 'tracking', text: take(l.trackingNumber, Math.floor(next() * 4), 4 + Math.floor(next() * 10)) || 'YT' },
      { kind: 'recipient', text: take(l.recipientName, Math.floor(next() * 3), 2 + Math.floor(next() * 6)) || 'a' },
      { kind: 'place', text: take(pick([l.recipientCity, l.recipientPostalCode]), 0, 1 + Math.floor(next() * 5)) || 'lon' },
      { kind: 'label', text: l.id.slice(0, 1 + Math.floor(next() * 10)) },
      { kind: 'any', text: pick([take(l.recipientName, 0, 4), take(l.trackingNumber, 2, 9), take(l.customerOrderNumber, 0, 4)]) || 'x' },
    );
  }
  out.push(
    { kind: 'tracking', text: wide('yt24') },
    { kind: 'recipient', text: 'YAMADA' },
    { kind: 'recipient', text: '100%' },
    { kind: 'recipient', text: "o'b" },
    { kind: 'place', text: '〒100' },
    { kind: 'any', text: '#' },
    { kind: 'order', text: '  ' },
  );
  return out.filter((s) => s.text.trim().length > 0);
}

function filters(): HistoryFilter[] {
  const out: HistoryFilter[] = [
    {},
    { status: 'failed' },
    { status: 'created', courier: 'dhl' },
    { productCode: 'YE-STD' },
    { environment: 'demo' },
    { accountId: 'acct-2' },
    { tracking: ['untracked'] },
    { tracking: ['Delivered', 'Exception', 'untracked'] },
    { attention: 'failed' },
    { attention: 'print_failed' },
    { attention: 'tracking_exception' },
    { attention: 'not_moving' },
    { attention: 'not_moving', notMovingDays: 2 },
    { printState: 'never' },
    { printState: 'printed' },
    { printState: 'failed' },
    { printState: 'sent' },
    { printState: 'waiting' },
    { from: NOW - 5 * DAY, to: NOW - DAY },
    { from: NOW - 3 * DAY, courier: 'yunexpress', tracking: ['InTransit'] },
  ];
  for (const state of TrackingStateFilter.options) out.push({ tracking: [state] });
  for (const search of searches()) {
    out.push({ search });
    if (next() < 0.3) out.push({ search, ...pick(out.slice(1, 20)) });
  }
  return out;
}

let sqliteDb: StationDatabase;
let pgDb: TestDatabase;
let sqlite: Storage;
let postgres: Storage;
beforeAll(async () => {
  sqliteDb = openDatabase(join(mkdtempSync(join(tmpdir(), 'ffs-same-')), 'station.sqlite'));
  sqlite = await openStorage({ kind: 'sqlite', database: sqliteDb, now: () => NOW });
  pgDb = await createTestDatabase();
  postgres = await openStorage({ kind: 'postgres', connection: pgDb.connection, station: 'bench-1', now: () => NOW });
  // The same labels in the same order (so the same seq on both), and the same print jobs.
  for (const l of labels) {
    await sqlite.labels.save(l);
    await postgres.labels.save(l);
  }
  const created = labels.filter((l) => l.status === 'created');
  const states = ['sent', 'failed', 'printed', 'waiting'] as const;
  for (let j = 0; j < 60; j++) {
    // Only created labels print (a failed one has no document; SQLite's print_failed, when it
    // collects from the print-state index, would not look at the status).
    const ids = Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(created).id);
    const state = pick(states);
    const at = NOW - DAY + j * 1000;
    for (const storage of [sqlite, postgres]) await printed(storage, ids, state, at, `same-${j}`);
  }
}, 120_000);
afterAll(async () => {
  await postgres?.close();
  sqliteDb?.close();
  await pgDb?.drop();
});

/** Every page of a query on one backend: each page's ids and cursor. */
async function pages(storage: Storage, filter: HistoryFilter, limit: number) {
  const out: { ids: string[]; cursor: string | null }[] = [];
  let cursor: string | undefined;
  do {
    const page = await storage.labels.page(HistoryQuery.parse({ ...filter, limit, cursor }));
    out.push({ ids: page.items.map((l) => l.id), cursor: page.nextCursor });
    cursor = page.nextCursor ?? undefined;
  } while (cursor && out.length < 200);
  return out;
}

describe('SQLite and PostgreSQL give the same history for the same labels', () => {
  it('the same labels were stored on both, print states included', async () => {
    expect(await postgres.labels.count()).toBe(labels.length);
    const all = HistoryQuery.parse({ limit: 200 });
    expect((await postgres.labels.page(all)).items).toEqual((await sqlite.labels.page(all)).items);
  });

  it('every search kind and filter: the same labels, in the same order, page by page, with the same cursors', async () => {
    const list = filters();
    let compared = 0;
    for (const filter of list) {
      const limit = pick([3, 7, 50]);
      const [a, b] = [await pages(sqlite, filter, limit), await pages(postgres, filter, limit)];
      expect(b, JSON.stringify(filter)).toEqual(a);
      compared += a.flatMap((p) => p.ids).length;
      const [ia, ib] = [await sqlite.labels.ids(filter, 10, 40), await postgres.labels.ids(filter, 10, 40)];
      expect(ib, JSON.stringify(filter)).toEqual(ia);
    }
    // The data set is rich enough to say something: most queries found labels.
    expect(compared).toBeGreaterThan(list.length * 3);
  }, 120_000);

  it("a cursor from one backend opens the other's next page", async () => {
    for (const filter of [{}, { courier: 'dhl' }, { search: { kind: 'any', text: 'yt24' } }] as HistoryFilter[]) {
      const first = await sqlite.labels.page(HistoryQuery.parse({ ...filter, limit: 5 }));
      const fromPg = await postgres.labels.page(HistoryQuery.parse({ ...filter, limit: 5, cursor: first.nextCursor ?? undefined }));
      const fromSqlite = await sqlite.labels.page(HistoryQuery.parse({ ...filter, limit: 5, cursor: first.nextCursor ?? undefined }));
      expect(fromPg).toEqual(fromSqlite);
      const back = await sqlite.labels.exportPage(filter, fromPg.nextCursor, 5);
      expect(back).toEqual(await postgres.labels.exportPage(filter, fromPg.nextCursor, 5));
    }
  });

  it('the other reads agree too: forOrder, createdForOrders, inTransit', async () => {
    const numbers = [...new Set(labels.map((l) => l.customerOrderNumber).filter((n): n is string => n !== null))].slice(0, 80);
    for (const n of numbers.slice(0, 20))
      expect(await postgres.labels.forOrder('production', n)).toEqual(await sqlite.labels.forOrder('production', n));
    expect(await postgres.labels.createdForOrders('production', numbers)).toEqual(
      await sqlite.labels.createdForOrders('production', numbers),
    );
    expect(await postgres.labels.inTransit('production')).toEqual(await sqlite.labels.inTransit('production'));
  });

  it("the Today screen: every figure the same from the station's kept counts and from the shared history", async () => {
    const pool = createPool(pgDb.connection);
    try {
      // Zones whose days start on whole, half and three-quarter hours, and one off any quarter hour.
      for (const timeZone of ['UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/Los_Angeles', '+05:07']) {
        const times = timeFormat({ timeZone, locale: 'en-GB' });
        const local = createTodaySummary({ tally: sqliteTodayTally(sqliteDb), times, now: () => NOW });
        const shared = createTodaySummary({ tally: pgTodayTally(async () => pool), times, now: () => NOW });
        for (const environment of ['production', 'demo'] as EnvironmentId[]) {
          for (const days of [2, 5]) {
            const a = await local.summary(environment, days);
            expect(a.windowBreakdown.created).toBeGreaterThan(20);
            expect(await shared.summary(environment, days), `${timeZone} ${environment} ${days}`).toEqual(a);
          }
        }
      }
    } finally {
      await pool.end();
    }
  });
});
