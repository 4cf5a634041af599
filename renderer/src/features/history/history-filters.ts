import type { EnvironmentId } from '../../../../shared/domain/environment';
import type { AttentionFilter, HistoryQuery, HistorySearchKind, LabelStatus, TrackingStateFilter } from '../../../../shared/domain/labels';
import type { PrintStateFilter } from '../../../../shared/domain/print-state';
import type { TimeFormat } from '../../../../shared/domain/time-format';

/** History's filters as the form holds them (blank means "any"). */
export interface Filters {
  text: string;
  kind: HistorySearchKind;
  status: '' | LabelStatus;
  printState: '' | PrintStateFilter;
  environment: '' | EnvironmentId;
  accountId: string;
  /** Tracking states to show (any of them); none ticked shows every state. */
  tracking: TrackingStateFilter[];
  courier: string;
  productCode: string;
  /** Whole days as the date inputs give them (`YYYY-MM-DD`, the station's zone). */
  from: string;
  to: string;
  /**
   * An exact time range another screen asked for (Today's bar for one hour) that is not whole
   * days, so the date inputs cannot hold it; dropped as soon as a date is typed.
   */
  range: { from?: number; to?: number } | null;
  /** One of the Today screen's attention tiles; it has no field in the form, only its chip. */
  attention?: AttentionFilter;
  notMovingDays?: number;
}

export const noFilters: Filters = {
  text: '',
  kind: 'any',
  status: '',
  printState: '',
  environment: '',
  accountId: '',
  tracking: [],
  courier: '',
  productCode: '',
  from: '',
  to: '',
  range: null,
};

/** What History's list, "select all matching" and the export are asked for: the filter without a page. */
export type HistoryFilter = Omit<HistoryQuery, 'cursor' | 'limit'>;

/** The query of the filters as typed: blank filters left out, dates as whole days of the station's clock. */
export function historyFilter(f: Filters, times: TimeFormat): HistoryFilter {
  const text = f.text.trim();
  return {
    search: text ? { kind: f.kind, text } : undefined,
    status: f.status || undefined,
    printState: f.printState || undefined,
    environment: f.environment || undefined,
    accountId: f.accountId || undefined,
    tracking: f.tracking.length ? f.tracking : undefined,
    courier: f.courier.trim() || undefined,
    productCode: f.productCode.trim() || undefined,
    attention: f.attention,
    notMovingDays: f.attention === 'not_moving' ? f.notMovingDays : undefined,
    from: f.from ? times.day(f.from)?.start : f.range?.from,
    to: f.to ? times.day(f.to)?.end : f.range?.to,
  };
}

/** The station-zone day (`YYYY-MM-DD`) of a moment. */
const dayOf = (at: number, times: TimeFormat) => times.iso(at).slice(0, 10);

/**
 * The form's filters for a query another screen opened History with (the Today screen's tiles
 * and bars): a range of whole days goes into the date inputs, any other range is kept exact.
 */
export function filtersOf(query: Partial<HistoryQuery>, times: TimeFormat): Filters {
  const f: Filters = {
    ...noFilters,
    text: query.search?.text ?? '',
    kind: query.search?.kind ?? 'any',
    status: query.status ?? '',
    printState: query.printState ?? '',
    environment: query.environment ?? '',
    accountId: query.accountId ?? '',
    tracking: query.tracking ? [...query.tracking] : [],
    courier: query.courier ?? '',
    productCode: query.productCode ?? '',
    attention: query.attention,
    notMovingDays: query.notMovingDays,
  };
  const from = query.from === undefined ? undefined : dayOf(query.from, times);
  const to = query.to === undefined ? undefined : dayOf(query.to, times);
  const wholeDays = (from === undefined || times.day(from)?.start === query.from) && (to === undefined || times.day(to)?.end === query.to);
  if (wholeDays) return { ...f, from: from ?? '', to: to ?? '' };
  return { ...f, range: { from: query.from, to: query.to } };
}

/** Whether any filter is set (the empty list then says "No labels match" rather than "No labels yet"). */
export function anyFilter(f: Filters): boolean {
  return Object.values(historyFilterShape(f)).some((v) => v !== undefined);
}

const historyFilterShape = (f: Filters) => ({
  text: f.text.trim() || undefined,
  status: f.status || undefined,
  printState: f.printState || undefined,
  environment: f.environment || undefined,
  accountId: f.accountId || undefined,
  tracking: f.tracking.length ? f.tracking : undefined,
  courier: f.courier.trim() || undefined,
  productCode: f.productCode.trim() || undefined,
  from: f.from || f.range?.from,
  to: f.to || f.range?.to,
  attention: f.attention,
});

/**
 * The filter "Select all matching" asks for: only created labels can be printed, so failed ones
 * are left out; null when the filter shows only failed labels (there is nothing to pick).
 */
export function selectableFilter(filter: HistoryFilter): HistoryFilter | null {
  if (filter.status === 'failed' || filter.attention === 'failed') return null;
  return { ...filter, status: 'created' };
}
