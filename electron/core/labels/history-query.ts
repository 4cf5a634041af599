import type { SQLInputValue } from 'node:sqlite';
import type { z } from 'zod';
import { DEFAULT_NOT_MOVING_DAYS, type HistoryFilter } from '../../../shared/domain/labels';
import { TEXT_PART_LENGTH } from '../db/migrations';
import { nameKey, orderKey, placeKey, trackingKey } from './history-keys';

/** A parsed History filter (the page's cursor and limit aside). */
export type Filter = z.output<typeof HistoryFilter>;

/** Upper bound of a prefix range: every string starting with `prefix` sorts below it (U+10FFFF is the largest code point). */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;
/**
 * One way a label can match: its candidates `(seq, created_at)` through an index, how to
 * count them cheaply (`estimate`), and the same test as a row filter (`check`) for when
 * walking history newest-first is cheaper than collecting every candidate.
 */
export interface MatchSource {
  candidates: string;
  estimate: string;
  check: string;
  /** Bound to `candidates` and `estimate`. */
  params: SQLInputValue[];
  /** Bound to `check`. */
  checkParams: SQLInputValue[];
  /** Whether candidates come from the index alone (cheap) or need a lookup per label. */
  indexOnly: boolean;
  /** Whether matches bunch up in time (numbers that grow: a prefix may match only old labels). */
  bunched: boolean;
  /**
   * Whether its index lists candidates newest first (an equality on a (value, created_at)
   * index): its newest page then costs a page, however many labels match, and the page's
   * dates and cursor are ranges of that index.
   */
  ordered?: boolean;
}

/**
 * A part of the query that labels must match (the search, or one filter): any of its
 * `sources` (they can drive the query through their indexes), and as a row test `condition`.
 * A group without sources is only ever a row test.
 */
export interface MatchGroup {
  name: string;
  sources: MatchSource[];
  condition: string;
  params: SQLInputValue[];
}

/** `indexOnly`: the column's index also holds created_at (the id's unique index does not). */
const prefixSource = (column: string, prefix: string, { indexOnly = true, bunched = false } = {}): MatchSource => ({
  candidates: `SELECT seq, created_at FROM labels WHERE ${column} >= ? AND ${column} < ?`,
  estimate: `SELECT count(*) AS n FROM (SELECT 1 FROM labels WHERE ${column} >= ? AND ${column} < ? LIMIT ?)`,
  // Unary + keeps the column's collation but stops the planner from using its index.
  check: `(+l.${column} >= ? AND +l.${column} < ?)`,
  params: [prefix, prefixEnd(prefix)],
  checkParams: [prefix, prefixEnd(prefix)],
  indexOnly,
  bunched,
});

/**
 * Any part of a name key or tracking number: the start of one of its suffixes, kept in a part
 * index (migration 13: label_name_parts, label_tracking_parts) with each label's created_at.
 * A text up to TEXT_PART_LENGTH characters is one range of that index (candidates from the
 * index alone); a longer one is the range of its first characters, checked on each label.
 * DISTINCT: a text can start two suffixes of one label ("an" in "ananas").
 */
const partSource = (table: 'label_name_parts' | 'label_tracking_parts', key: string, check: string, bunched: boolean): MatchSource => {
  const chars = [...key];
  const part = chars.slice(0, TEXT_PART_LENGTH).join('');
  const range = [part, prefixEnd(part)];
  const exact = chars.length <= TEXT_PART_LENGTH;
  return {
    candidates: exact
      ? `SELECT DISTINCT seq, created_at FROM ${table} WHERE part >= ? AND part < ?`
      : `SELECT DISTINCT p.seq, p.created_at FROM ${table} AS p CROSS JOIN labels AS l ON l.seq = p.seq WHERE p.part >= ? AND p.part < ? AND ${check}`,
    // The range's rows, an upper bound for a longer text (its label check is left out: ?3, the text, is bound but unused).
    estimate: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE part >= ?1 AND part < ?2 LIMIT ?${exact ? 3 : 4})`,
    check,
    params: exact ? range : [...range, key],
    checkParams: [key],
    // Read from the index alone when exact, but DISTINCT sorts every candidate: costed as a label read each.
    indexOnly: false,
    bunched,
  };
};

/** Labels whose `column` equals the value (null: has none), through the column's (value, created_at) index. */
const equalSource = (column: string, value: string | null): MatchSource => ({
  candidates: `SELECT seq, created_at FROM labels WHERE ${column} ${value === null ? 'IS NULL' : '= ?'}`,
  estimate: `SELECT count(*) AS n FROM (SELECT 1 FROM labels WHERE ${column} ${value === null ? 'IS NULL' : '= ?'} LIMIT ?)`,
  check: `+l.${column} ${value === null ? 'IS NULL' : '= ?'}`,
  params: value === null ? [] : [value],
  checkParams: value === null ? [] : [value],
  indexOnly: true,
  bunched: false,
  ordered: true,
});

/**
 * Labels whose newest print job is in this state (null: never printed) and whose own state is
 * `status`, newest first from the (print_state, status, created_at) index (migration 14): one
 * range, counted from the index alone.
 */
const printStateSource = (state: string | null, status: 'created' | 'failed'): MatchSource => {
  const where = (t: string) => `${t}print_state ${state === null ? 'IS NULL' : '= ?'} AND ${t}status = '${status}'`;
  const values = state === null ? [] : [state];
  return {
    candidates: `SELECT seq, created_at FROM labels WHERE ${where('')}`,
    estimate: `SELECT count(*) AS n FROM (SELECT 1 FROM labels WHERE ${where('')} LIMIT ?)`,
    check: `(${where('+l.')})`,
    params: values,
    checkParams: values,
    indexOnly: true,
    bunched: false,
    ordered: true,
  };
};

/** Labels of this courier and product, newest first. */
const courierProductSource = (courier: string, product: string): MatchSource => ({
  candidates: 'SELECT seq, created_at FROM labels WHERE courier = ? AND product_code = ?',
  estimate: 'SELECT count(*) AS n FROM (SELECT 1 FROM labels WHERE courier = ? AND product_code = ? LIMIT ?)',
  check: '(+l.courier = ? AND +l.product_code = ?)',
  params: [courier, product],
  checkParams: [courier, product],
  indexOnly: true,
  bunched: false,
  ordered: true,
});

/** The labels_stalled partial index's WHERE, repeated so SQLite can use it. */
const OPEN = "status = 'created' AND (tracking_tag IS NULL OR tracking_tag NOT IN ('Delivered', 'Cancelled'))";
// Unary +: a walk stays on created_at (the partial index would read every stalled label, then sort).
const openCheck = "+l.status = 'created' AND (+l.tracking_tag IS NULL OR +l.tracking_tag NOT IN ('Delivered', 'Cancelled'))";

/** Open labels whose last tracking news (else their creation) is at or before `cutoff`. */
const stalledSource = (cutoff: number): MatchSource => ({
  // INDEXED BY: the planner would otherwise count through the status index, passing every delivered label.
  candidates: `SELECT seq, created_at FROM labels INDEXED BY labels_stalled WHERE coalesce(tracking_updated_at, created_at) <= ? AND ${OPEN}`,
  estimate: `SELECT count(*) AS n FROM (SELECT 1 FROM labels INDEXED BY labels_stalled
    WHERE coalesce(tracking_updated_at, created_at) <= ? AND ${OPEN} LIMIT ?)`,
  check: `(${openCheck} AND coalesce(l.tracking_updated_at, l.created_at) <= ?)`,
  params: [cutoff],
  checkParams: [cutoff],
  indexOnly: true,
  bunched: false,
});

const group = (name: string, sources: MatchSource[], condition?: { sql: string; params: SQLInputValue[] }): MatchGroup => ({
  name,
  sources,
  condition: condition?.sql ?? `(${sources.map((s) => s.check).join(' OR ')})`,
  params: condition?.params ?? sources.flatMap((s) => s.checkParams),
});

/** The search's sources: each field its kind names ('any': all of them), matched as people type. */
export function searchSources(search: NonNullable<Filter['search']>): MatchSource[] {
  const { kind, text } = search;
  const sources: MatchSource[] = [];
  if (kind === 'order' || kind === 'any') {
    const key = orderKey(text) ?? text;
    sources.push(prefixSource('customer_order_key', key, { bunched: true }), prefixSource('platform_order_key', key, { bunched: true }));
  }
  if (kind === 'tracking' || kind === 'any') {
    // Six characters or more: any part (the number without its prefix, its last digits); fewer: its start.
    const key = trackingKey(text);
    sources.push(
      key.length >= 6
        ? partSource('label_tracking_parts', key, 'instr(lower(l.tracking_number), lower(?)) > 0', true)
        : prefixSource('tracking_number', key, { bunched: true }),
    );
  }
  if (kind === 'recipient' || kind === 'any') {
    const key = nameKey(text);
    // Any part of 3+ characters; a shorter name (山田) matches the start of the name.
    if (key)
      sources.push(
        [...key].length < 3
          ? prefixSource('recipient_key', key)
          : partSource('label_name_parts', key, 'instr(l.recipient_key, ?) > 0', false),
      );
  }
  if (kind === 'place' || kind === 'any') {
    const key = placeKey(text);
    if (key) sources.push(prefixSource('city_key', key), prefixSource('postal_key', key));
  }
  if (kind === 'label' || kind === 'any') sources.push(prefixSource('id', text, { indexOnly: false }));
  return sources;
}

const DAY_MS = 86_400_000;

/**
 * The query's groups, all of which a label must match: the search first, then the filters
 * in the order they are tried to drive the query (rarest first, as they usually are).
 * `now` dates "not moving".
 */
export function matchGroups(filter: Filter, now: number): MatchGroup[] {
  const groups: MatchGroup[] = [];
  if (filter.search) {
    const sources = searchSources(filter.search);
    // A text that is no key at all (only "#" or spaces) matches nothing.
    groups.push(sources.length ? group('search', sources) : { name: 'search', sources: [], condition: '0', params: [] });
  }
  switch (filter.attention) {
    case 'failed':
      groups.push(group('attention', [equalSource('status', 'failed')]));
      break;
    case 'print_failed':
      // labels.print_state is the newest print job's state (migration 12 keeps it).
      groups.push(group('attention', [printStateSource('failed', 'created')]));
      break;
    case 'tracking_exception':
      groups.push(group('attention', [equalSource('tracking_tag', 'Exception')]));
      break;
    case 'not_moving': {
      // Tracking news comes after creation, so a label without news since the cutoff was also
      // created before it: the created_at bound lets a walk start at the cutoff.
      const cutoff = now - (filter.notMovingDays ?? DEFAULT_NOT_MOVING_DAYS) * DAY_MS;
      const source = stalledSource(cutoff);
      groups.push(group('attention', [source], { sql: `l.created_at <= ? AND ${source.check}`, params: [cutoff, ...source.checkParams] }));
      break;
    }
    case undefined:
      break;
  }
  // "Never printed": a created label without a print job.
  if (filter.printState === 'never') groups.push(group('printState', [printStateSource(null, 'created')]));
  // A print state of any label (one printed before it failed, e.g.): both of its index ranges.
  else if (filter.printState)
    groups.push(group('printState', [printStateSource(filter.printState, 'created'), printStateSource(filter.printState, 'failed')]));
  if (filter.tracking) {
    const states = [...new Set(filter.tracking)];
    groups.push(
      group(
        'tracking',
        states.map((state) => equalSource('tracking_tag', state === 'untracked' ? null : state)),
      ),
    );
  }
  // A product with its courier (as Today's product numbers ask): one range of the
  // (courier, product_code, created_at) index (migration 15), counted without reading labels.
  if (filter.productCode !== undefined && filter.courier !== undefined)
    groups.push(group('courierProduct', [courierProductSource(filter.courier, filter.productCode)]));
  else if (filter.productCode !== undefined) groups.push(group('productCode', [equalSource('product_code', filter.productCode)]));
  else if (filter.courier !== undefined) groups.push(group('courier', [equalSource('courier', filter.courier)]));
  if (filter.status) groups.push(group('status', [equalSource('status', filter.status)]));
  if (filter.environment) groups.push({ name: 'environment', sources: [], condition: 'l.environment = ?', params: [filter.environment] });
  if (filter.accountId !== undefined)
    groups.push({ name: 'accountId', sources: [], condition: 'l.account_id = ?', params: [filter.accountId] });
  return groups;
}
