import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { EnvironmentId } from '../../shared/domain/environment';
import { DEFAULT_NOT_MOVING_DAYS } from '../../shared/domain/labels';
import { PrintStateFilter } from '../../shared/domain/print-state';
import { timeFormat } from '../../shared/domain/time-format';
import { TODAY_TOP_PRODUCTS, type TodayBreakdown, type TodaySummary } from '../../shared/domain/today';
import { openDatabase, type StationDatabase } from '../../electron/core/db/database';
import { FILL_LABEL_COUNTS } from '../../electron/core/db/migrations';
import { createSqliteLabelStore, type NewLabel } from '../../electron/core/labels/label-store';
import { createSqlitePrintLog } from '../../electron/core/printing/print-log';
import { createTodaySummary, sqliteTodayTally } from '../../electron/core/today/today-summary';

// The Today screen's counts, kept by triggers (migration 16), against a count of the labels
// themselves: a random history written, changed and partly deleted, then every figure of the
// summary compared with the labels' own columns, in zones whose days start on whole hours, half
// and three-quarter hours (Kolkata, St John's, Kathmandu), across a clock change (New York,
// Lord Howe), and in one whose days start off any quarter hour (+05:07: counted label by label).

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** A small deterministic random source (the test is the same every run). */
function random(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(list: readonly T[]) => list[Math.floor(next() * list.length)]! };
}

const COURIERS = ['yunexpress', 'dhl', 'yamato'] as const;
const TAGS = [null, null, 'Pending', 'InTransit', 'InTransit', 'Delivered', 'Exception', 'Cancelled', 'InfoReceived'] as const;

interface Row {
  id: string;
  environment: string;
  status: string;
  courier: string;
  product_code: string | null;
  created_at: number;
  tracking_tag: string | null;
  tracking_updated_at: number | null;
  print_state: string | null;
}

/** Writes, changes and deletes labels the ways the station (and a history copied in) does. */
function history(database: StationDatabase, now: number, seed: number) {
  const r = random(seed);
  const store = createSqliteLabelStore(database);
  const printLog = createSqlitePrintLog(database);
  const ids: string[] = [];
  for (let i = 0; i < 900; i++) {
    const failed = r.next() < 0.1;
    // Over 17 days, a few after the day ends (made at a station whose clock runs ahead).
    const createdAt = r.next() < 0.05 ? now + r.int(2 * DAY) : now - Math.floor(r.next() * 17 * DAY);
    const tag = failed ? null : r.pick(TAGS);
    const courier = r.pick(COURIERS);
    const label: NewLabel = {
      id: `L-${seed}-${i}`,
      environment: r.next() < 0.8 ? 'development' : 'production',
      accountId: null,
      idempotencyKey: `K-${seed}-${i}`,
      status: failed ? 'failed' : 'created',
      courier,
      productCode:
        r.next() < 0.2 ? null : `${courier.slice(0, 3).toUpperCase()}-${r.pick(['STD', 'EXP', 'ECO', 'PRI', 'DDP', 'SMALL', 'BIG'])}`,
      customerOrderNumber: `O-${i}`,
      platformOrderNumber: null,
      courierOrderNumber: null,
      trackingNumber: failed ? null : `YT${String(1e11 + i)}`,
      recipientName: 'Hanako Yamada',
      recipientCountry: 'JP',
      recipientCity: 'Tokyo',
      errorCode: failed ? 'ADDRESS_INVALID' : null,
      errorMessage: failed ? 'The courier could not validate the postal code.' : null,
      createdAt,
      documentUrl: null,
      documentFormat: null,
      trackingTag: tag,
      trackingMessage: tag,
      // Some tracking news is stamped before the label (another station's clock runs behind).
      trackingUpdatedAt: tag ? createdAt + Math.floor((r.next() - 0.1) * 8 * DAY) : null,
    };
    store.save(label);
    ids.push(label.id);
  }
  // Print jobs: each label's newest job is its print state (a reprint replaces a failure).
  for (let job = 0; job < 120; job++) {
    const labelIds = Array.from({ length: 1 + r.int(8) }, () => r.pick(ids));
    const outcome = r.pick(['sent', 'sent', 'printed', 'failed', 'waiting'] as const);
    const state = outcome === 'failed' ? 'failed' : 'sent';
    const id = `J-${seed}-${job}`;
    printLog.record({
      id,
      labelIds: [...new Set(labelIds)],
      profileId: null,
      printer: 'desk',
      copies: 1,
      osJobId: null,
      state,
      errorCode: state === 'failed' ? 'print_failed' : null,
      message: null,
      createdAt: now - (120 - job) * 60_000,
    });
    // The job followed to its outcome (printed, waiting at the printer, or failed after all).
    if (outcome === 'printed' || outcome === 'waiting' || (outcome === 'sent' && r.next() < 0.3))
      printLog.settle(id, {
        state: outcome === 'sent' ? 'failed' : outcome,
        errorCode: null,
        message: null,
        at: now - (119 - job) * 60_000,
      });
  }
  // Tracking refreshes move labels between tags; other columns change as a copied-in history would.
  for (let i = 0; i < 200; i++)
    store.setTracking(r.pick(ids), { tag: r.pick(TAGS.slice(2)), message: null, updatedAt: now - r.int(6 * DAY) });
  const { db } = database;
  for (let i = 0; i < 30; i++) db.prepare('UPDATE labels SET courier = ?, product_code = ? WHERE id = ?').run('dhl', null, r.pick(ids));
  for (let i = 0; i < 30; i++) db.prepare('UPDATE labels SET created_at = created_at - ? WHERE id = ?').run(r.int(3 * DAY), r.pick(ids));
  for (let i = 0; i < 20; i++) db.prepare("UPDATE labels SET environment = 'demo' WHERE id = ?").run(r.pick(ids));
  for (let i = 0; i < 20; i++) db.prepare("UPDATE labels SET status = 'failed' WHERE id = ?").run(r.pick(ids));
  for (let i = 0; i < 40; i++) db.prepare('DELETE FROM labels WHERE id = ?').run(r.pick(ids));
}

/** The summary's figures from the labels' own columns. */
function expected(rows: Row[], s: TodaySummary): Partial<TodaySummary> {
  const within = (row: Row, span: { start: number; end: number }) => row.created_at >= span.start && row.created_at <= span.end;
  const mine = rows.filter((row) => row.environment === s.environment && within(row, s.window));
  const made = mine.filter((row) => row.status === 'created');
  const cutoff = s.at - s.notMovingDays * DAY;
  const breakdown = (list: Row[]): TodayBreakdown => {
    const couriers = new Map<string, number>();
    const products = new Map<string, { courier: string; productCode: string; count: number }>();
    const print = Object.fromEntries(PrintStateFilter.options.map((state) => [state, 0])) as TodayBreakdown['print'];
    let none = 0;
    for (const row of list) {
      couriers.set(row.courier, (couriers.get(row.courier) ?? 0) + 1);
      print[(row.print_state ?? 'never') as keyof typeof print] += 1;
      if (row.product_code === null) none += 1;
      else {
        const key = `${row.courier}/${row.product_code}`;
        const entry = products.get(key) ?? { courier: row.courier, productCode: row.product_code, count: 0 };
        entry.count += 1;
        products.set(key, entry);
      }
    }
    const order =
      <T extends { count: number }>(name: (x: T) => string) =>
      (a: T, b: T) =>
        b.count - a.count || name(a).localeCompare(name(b));
    const byProduct = [...products.values()].sort(order((x) => `${x.courier} ${x.productCode}`));
    return {
      created: list.length,
      byCourier: [...couriers].map(([courier, count]) => ({ courier, count })).sort(order((x) => x.courier)),
      byProduct: byProduct.slice(0, TODAY_TOP_PRODUCTS),
      otherProducts: none + byProduct.slice(TODAY_TOP_PRODUCTS).reduce((n, p) => n + p.count, 0),
      print,
    };
  };
  return {
    days: s.days.map((day) => ({ ...day, created: made.filter((row) => within(row, day)).length })),
    hours: s.hours.map((hour) => ({ ...hour, created: made.filter((row) => within(row, hour)).length })),
    todayBreakdown: breakdown(made.filter((row) => within(row, s.today))),
    windowBreakdown: breakdown(made),
    attention: {
      failed: mine.filter((row) => row.status === 'failed').length,
      print_failed: made.filter((row) => row.print_state === 'failed').length,
      tracking_exception: mine.filter((row) => row.tracking_tag === 'Exception').length,
      not_moving: made.filter(
        (row) =>
          row.tracking_tag !== 'Delivered' &&
          row.tracking_tag !== 'Cancelled' &&
          row.created_at <= cutoff &&
          (row.tracking_updated_at ?? row.created_at) <= cutoff,
      ).length,
      unresolved: 0,
    },
  };
}

const snapshot = (database: StationDatabase) =>
  ['label_quarters', 'label_products_quarter', 'label_products_day'].map((table) =>
    database.db
      .prepare(`SELECT * FROM ${table}`)
      .all()
      .filter((row) =>
        Object.entries(row).some(
          ([column, value]) => !['environment', 'quarter', 'period', 'courier', 'product'].includes(column) && value !== 0,
        ),
      )
      .map((row) => JSON.stringify(row))
      .sort(),
  );

describe('the Today counts kept by triggers', () => {
  const cases: [string, number][] = [
    ['UTC', Date.UTC(2026, 11, 2, 9, 10)],
    ['Asia/Tokyo', Date.UTC(2026, 11, 2, 1, 30)],
    ['Asia/Kolkata', Date.UTC(2026, 11, 2, 20, 0)],
    ['Asia/Kathmandu', Date.UTC(2026, 11, 2, 18, 20)],
    ['America/St_Johns', Date.UTC(2026, 11, 2, 2, 0)],
    ['America/New_York', Date.UTC(2026, 10, 2, 3, 0)],
    ['Australia/Lord_Howe', Date.UTC(2026, 9, 4, 23, 0)],
    ['+05:07', Date.UTC(2026, 11, 2, 12, 0)],
  ];
  it.each(cases)('every figure equals a count of the labels themselves (%s)', async (timeZone, now) => {
    const dir = mkdtempSync(join(tmpdir(), 'ffs-today-counts-'));
    dirs.push(dir);
    const database = openDatabase(join(dir, 'station.sqlite'));
    try {
      history(database, now, now % 1000);
      const today = createTodaySummary({
        tally: sqliteTodayTally(database),
        times: timeFormat({ timeZone, locale: 'en-GB' }),
        now: () => now,
      });
      const rows = database.db
        .prepare(
          'SELECT id, environment, status, courier, product_code, created_at, tracking_tag, tracking_updated_at, print_state FROM labels',
        )
        .all() as unknown as Row[];
      for (const environment of ['development', 'production'] as EnvironmentId[]) {
        const s = await today.summary(environment, DEFAULT_NOT_MOVING_DAYS);
        expect(s.windowBreakdown.created).toBeGreaterThan(50);
        expect(s).toMatchObject(expected(rows, s));
      }
      // The kept counts are what counting every label again gives.
      const kept = snapshot(database);
      database.db.exec(FILL_LABEL_COUNTS);
      expect(kept).toEqual(snapshot(database));
    } finally {
      database.close();
    }
  });
});
