import type { TrackingChangeSummary, TrackingException, TrackingTagView, TrackingView } from '../../../shared/domain/tracking';
import { t } from '../i18n';

/** One label checked in a refresh: what the station knew before, and what the courier says now (null: the check failed). */
export interface CheckedLabel {
  labelId: string;
  orderNumber: string | null;
  trackingNumber: string | null;
  /** The tag stored before this check; null when the label was never tracked (it is Pending until the courier says more). */
  before: string | null;
  after: TrackingView | null;
}

/** The order tags are named in the summary: the outcomes that matter most first. */
const SUMMARY_ORDER: readonly TrackingTagView[] = [
  'Delivered',
  'Exception',
  'InTransit',
  'InfoReceived',
  'Pending',
  'Cancelled',
  'Unknown',
];

/**
 * What a refresh found. A label counts as changed when its tag differs from the stored one (a
 * never-tracked label counts as Pending, so a first check that still says Pending is no news);
 * a new exception is a label that turned to Exception.
 */
export function summarizeChecks(checks: readonly CheckedLabel[], source: TrackingChangeSummary['source']): TrackingChangeSummary {
  const changed: Partial<Record<TrackingTagView, number>> = {};
  const exceptions: TrackingException[] = [];
  let failed = 0;
  for (const check of checks) {
    if (!check.after) {
      failed++;
      continue;
    }
    const tag = check.after.tag;
    if (tag === (check.before ?? 'Pending')) continue;
    changed[tag] = (changed[tag] ?? 0) + 1;
    if (tag === 'Exception') {
      exceptions.push({
        labelId: check.labelId,
        orderNumber: check.orderNumber,
        trackingNumber: check.after.trackingNumber ?? check.trackingNumber,
        message: check.after.subtagMessage,
      });
    }
  }
  const summary = { source, checked: checks.length, failed, changed, exceptions };
  return { ...summary, text: summaryText(summary) };
}

/** "3 delivered, 1 exception", or "Nothing new: 42 parcels checked.", with the labels that could not be checked. */
export function summaryText({ checked, failed, changed }: Omit<TrackingChangeSummary, 'text' | 'exceptions' | 'source'>): string {
  const parts = SUMMARY_ORDER.filter((tag) => changed[tag]).map((tag) => t(`tracking:summary.tag.${tag}`, { count: changed[tag]! }));
  const news =
    parts.length > 0 ? parts.join(t('tracking:summary.separator')) : t('tracking:summary.nothingNew', { count: checked - failed });
  return failed > 0 ? t('tracking:summary.withFailed', { news, count: failed }) : t('tracking:summary.done', { news });
}

/** The desktop notification for new exceptions: one names the order, several are counted. */
export function exceptionNotification(exceptions: readonly TrackingException[]): { title: string; body: string } | null {
  const [first] = exceptions;
  if (!first) return null;
  const title = t('tracking:notification.title', { count: exceptions.length });
  if (exceptions.length === 1) {
    const parcel = first.orderNumber ?? first.trackingNumber ?? first.labelId;
    return { title, body: t('tracking:notification.one', { parcel, message: first.message }) };
  }
  const parcels = exceptions
    .slice(0, 3)
    .map((e) => e.orderNumber ?? e.trackingNumber ?? e.labelId)
    .join(t('tracking:summary.separator'));
  return { title, body: t('tracking:notification.several', { count: exceptions.length, parcels }) };
}
