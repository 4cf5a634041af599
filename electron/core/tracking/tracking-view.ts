import type { Checkpoint, TrackingResponse } from '../../../shared/flexforward/schemas';
import {
  EARLIEST_CHECKPOINT_MS,
  LATEST_CHECKPOINT_MS,
  type TrackingCheckpointView,
  type TrackingView,
} from '../../../shared/domain/tracking';

/**
 * Turns the API's tracking answer into what the renderer shows. Checkpoint order is disputed
 * (docs/api-contract.md §14.8: "newest first" in the guide, "chronological" in the zh-Hant reference), so the
 * API's order is never trusted: checkpoints are sorted newest first by their own time.
 */
export function toTrackingView(labelId: string, response: TrackingResponse, fetchedAt: number): TrackingView {
  const timed = response.checkpoints.map((checkpoint, index) => ({
    checkpoint,
    index,
    ms: parseCheckpointTime(checkpoint.checkpointTime),
  }));
  timed.sort((a, b) => {
    // Unreadable times go last; ties keep the API's order (Array.prototype.sort is stable, the index makes it explicit).
    if (a.ms === null || b.ms === null) return a.ms === b.ms ? a.index - b.index : a.ms === null ? 1 : -1;
    return b.ms - a.ms || a.index - b.index;
  });
  return {
    labelId,
    trackingNumber: response.trackingNumber,
    tag: response.tag,
    subtag: response.subtag,
    subtagMessage: response.subtagMessage,
    slug: response.slug,
    checkpoints: timed.map(({ checkpoint, ms }) => checkpointView(checkpoint, ms)),
    fetchedAt,
  };
}

function checkpointView(checkpoint: Checkpoint, ms: number | null): TrackingCheckpointView {
  return {
    time: ms === null ? null : new Date(ms).toISOString(),
    tag: checkpoint.tag,
    subtag: checkpoint.subtag,
    subtagMessage: checkpoint.subtagMessage,
    message: checkpoint.message,
    place: formatPlace(checkpoint),
  };
}

/**
 * "Location, city, state, country", skipping empty parts and repeats, so the hub scan reads
 * "Flex Forward Hub, Hong Kong, HK" rather than "Flex Forward Hub, Hong Kong, Hong Kong, HK".
 */
export function formatPlace(checkpoint: Pick<Checkpoint, 'location' | 'city' | 'state' | 'countryRegion'>): string | null {
  const parts: string[] = [];
  for (const value of [checkpoint.location, checkpoint.city, checkpoint.state, checkpoint.countryRegion]) {
    const part = value?.trim();
    if (part && !parts.some((p) => p.toLowerCase() === part.toLowerCase())) parts.push(part);
  }
  return parts.length > 0 ? parts.join(', ') : null;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Milliseconds since epoch of an ISO 8601 checkpoint time, or null. Only ISO forms are read
 * (with or without milliseconds, docs/api-contract.md §6); a time without an offset is UTC as the spec says,
 * never the machine's local zone. Impossible dates (Feb 30) are refused, not rolled over, and
 * so is a moment outside years 0000–9999 UTC.
 */
export function parseCheckpointTime(value: string | null | undefined): number | null {
  const match = ISO_DATE_TIME.exec(value?.trim() ?? '');
  if (!match) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', zone = 'Z'] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return null;
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  let offsetMinutes = 0;
  if (zone.toUpperCase() !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offsetHours = Number(digits.slice(0, 2));
    const offsetMins = Number(digits.slice(2) || '0');
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written.
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second, millis));
  date.setUTCFullYear(year);
  const ms = date.getTime() - offsetMinutes * 60_000;
  // An offset can push year 0000 or 9999 out of what the view can write (shared/domain/tracking.ts).
  return ms < EARLIEST_CHECKPOINT_MS || ms > LATEST_CHECKPOINT_MS ? null : ms;
}
