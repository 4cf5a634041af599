import { DEFAULT_NOT_MOVING_DAYS } from '../../../../shared/domain/labels';
import type { Filter } from '../../labels/label-store';
import { nameKey, orderKey, placeKey, trackingKey } from '../../labels/history-keys';

/**
 * History's search and filters in PostgreSQL: the same matches as the SQLite store's
 * (electron/core/labels/history-query.ts: `searchSources` and `matchGroups`), written as one
 * WHERE clause that PostgreSQL's planner drives through the indexes of
 * electron/core/storage/pg/migrations.ts (btree ranges for prefixes, pg_trgm GIN for parts of
 * tracking numbers and names, a bitmap OR for a search of every kind). The search keys are
 * the same functions (electron/core/labels/history-keys.ts), so both backends find the same labels.
 */

/** Collects positional parameters: `p(value)` is the placeholder ($n) of a new one. */
export class Params {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** SQLite's NOCASE: ASCII letters folded, nothing else (the *_nocase columns hold the same). */
export const asciiLower = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());
/** Upper bound of a prefix range, as the SQLite store's (U+10FFFF sorts above every other code point). */
const prefixEnd = (prefix: string) => `${prefix}\u{10FFFF}`;
/** A LIKE pattern for any part equal to `text` (its own %, _ and \ taken literally). */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const prefix = (q: Params, column: string, value: string) => `(l.${column} >= ${q.p(value)} AND l.${column} < ${q.p(prefixEnd(value))})`;

/** The search's conditions, one per field its kind names ('any': all of them), ORed. Null: the text is no key at all. */
function searchCondition(q: Params, search: NonNullable<Filter['search']>): string | null {
  const { kind, text } = search;
  const parts: string[] = [];
  if (kind === 'order' || kind === 'any') {
    const key = orderKey(text) ?? text;
    parts.push(prefix(q, 'customer_order_key', key), prefix(q, 'platform_order_key', key));
  }
  if (kind === 'tracking' || kind === 'any') {
    // Six characters or more: any part (trigram index); fewer: its start. Case folded as NOCASE folds it.
    const key = asciiLower(trackingKey(text));
    parts.push(key.length >= 6 ? `l.tracking_nocase LIKE ${q.p(containing(key))}` : prefix(q, 'tracking_nocase', key));
  }
  if (kind === 'recipient' || kind === 'any') {
    const key = nameKey(text);
    // The trigram index needs 3 characters; a shorter name (山田) matches the start of the name.
    if (key) parts.push([...key].length < 3 ? prefix(q, 'recipient_key', key) : `l.recipient_key LIKE ${q.p(containing(key))}`);
  }
  if (kind === 'place' || kind === 'any') {
    const key = placeKey(text);
    if (key) parts.push(prefix(q, 'city_key', key), prefix(q, 'postal_key', key));
  }
  if (kind === 'label' || kind === 'any') parts.push(prefix(q, 'id_nocase', asciiLower(text)));
  return parts.length ? `(${parts.join(' OR ')})` : null;
}

const DAY_MS = 86_400_000;
const OPEN = "l.status = 'created' AND (l.tracking_tag IS NULL OR l.tracking_tag NOT IN ('Delivered', 'Cancelled'))";
const printedIn = (q: Params, state: string) =>
  `EXISTS (SELECT 1 FROM label_print_state AS p WHERE p.label_nocase = l.id_nocase AND p.state = ${q.p(state)})`;

/**
 * The conditions a label must meet for this filter (search and filters; dates and cursor
 * aside), or null when nothing can match (a search text that is no key at all). `now`
 * dates "not moving".
 */
export function filterConditions(q: Params, filter: Filter, now: number): string[] | null {
  const where: string[] = [];
  if (filter.search) {
    const search = searchCondition(q, filter.search);
    if (!search) return null;
    where.push(search);
  }
  switch (filter.attention) {
    case 'failed':
      where.push("l.status = 'failed'");
      break;
    case 'print_failed':
      where.push(`l.status = 'created' AND ${printedIn(q, 'failed')}`);
      break;
    case 'tracking_exception':
      where.push("l.tracking_tag = 'Exception'");
      break;
    case 'not_moving': {
      const cutoff = now - (filter.notMovingDays ?? DEFAULT_NOT_MOVING_DAYS) * DAY_MS;
      const at = q.p(cutoff);
      where.push(`l.created_at <= ${at} AND ${OPEN} AND coalesce(l.tracking_updated_at, l.created_at) <= ${at}`);
      break;
    }
    case undefined:
      break;
  }
  if (filter.printState === 'never') {
    where.push("l.status = 'created' AND NOT EXISTS (SELECT 1 FROM label_print_state AS p WHERE p.label_nocase = l.id_nocase)");
  } else if (filter.printState) {
    where.push(printedIn(q, filter.printState));
  }
  if (filter.tracking) {
    const states = [...new Set(filter.tracking)];
    where.push(
      `(${states.map((state) => (state === 'untracked' ? 'l.tracking_tag IS NULL' : `l.tracking_tag = ${q.p(state)}`)).join(' OR ')})`,
    );
  }
  if (filter.productCode !== undefined) where.push(`l.product_code = ${q.p(filter.productCode)}`);
  if (filter.courier !== undefined) where.push(`l.courier = ${q.p(filter.courier)}`);
  if (filter.status) where.push(`l.status = ${q.p(filter.status)}`);
  if (filter.environment) where.push(`l.environment = ${q.p(filter.environment)}`);
  if (filter.accountId !== undefined) where.push(`l.account_id = ${q.p(filter.accountId)}`);
  if (filter.from !== undefined) where.push(`l.created_at >= ${q.p(filter.from)}`);
  if (filter.to !== undefined) where.push(`l.created_at <= ${q.p(filter.to)}`);
  return where;
}
