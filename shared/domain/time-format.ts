import { z } from 'zod';

/**
 * The station's one clock: every time a person reads (screens, messages main writes, the Demo
 * label, exports) is formatted here, in the station's time zone and the operator's format.
 * Main decides the clock (the operating system's zone and regional format unless the station
 * is told otherwise, see `StationDeps.clock`) and hands it to the renderer in app:info, so
 * main's sentences and the screens never disagree. The locale is a parameter, never assumed.
 */
export const StationClock = z.object({
  /** IANA time zone, e.g. `Asia/Tokyo`. */
  timeZone: z.string().min(1).max(100),
  /** BCP 47 locale of the operator's date and time format, e.g. `en-GB`. */
  locale: z.string().min(1).max(100),
});
export type StationClock = z.infer<typeof StationClock>;

/** A moment: ms since the epoch, an ISO 8601 text, or a Date. */
export type Moment = number | string | Date;

export interface TimeFormat {
  readonly clock: StationClock;
  /** Date and time to the minute, e.g. `2 Dec 2026, 05:33` (en-GB) or `Dec 2, 2026, 5:33 AM` (en-US). */
  dateTime(at: Moment): string;
  /** Time of day to the second, e.g. `05:33:12` (en-GB). */
  time(at: Moment): string;
  /** Time of day to the minute, e.g. `05:33`. */
  shortTime(at: Moment): string;
  /** The date alone, e.g. `2 Dec 2026`. */
  date(at: Moment): string;
  /** ISO 8601 in the station's zone with its offset, e.g. `2026-12-02T05:33:12+09:00` (for machines, in exports). */
  iso(at: Moment): string;
  /**
   * A calendar day (`YYYY-MM-DD`, as a date input gives it) in the station's zone: its first
   * and last millisecond. Null for a text that is not a date. A day that starts with a clock
   * change still starts at its first real moment.
   */
  day(date: string): { start: number; end: number } | null;
}

/** What a moment that cannot be read shows. */
export const UNKNOWN_TIME = '—';

/** The clock of the machine this runs on (its zone and regional format), UTC when it names none. */
export function systemClock(): StationClock {
  const resolved = new Intl.DateTimeFormat().resolvedOptions();
  return { timeZone: resolved.timeZone || 'UTC', locale: resolved.locale || 'en-US' };
}

/**
 * A clock from what was asked, each part checked: a time zone or locale Intl does not know
 * falls back to the system's (a typo in a setting must not stop every screen from showing times).
 */
export function resolveClock(asked: Partial<StationClock> = {}): StationClock {
  const system = systemClock();
  const timeZone = asked.timeZone && isTimeZone(asked.timeZone) ? canonicalZone(asked.timeZone) : system.timeZone;
  const locale = asked.locale && isLocale(asked.locale) ? asked.locale : system.locale;
  return { timeZone, locale };
}

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

function isLocale(locale: string): boolean {
  try {
    return Intl.DateTimeFormat.supportedLocalesOf([locale]).length > 0;
  } catch {
    return false;
  }
}

const canonicalZone = (zone: string) => new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone;

const cache = new Map<string, TimeFormat>();

/** The formatter of a clock (cached: Intl formatters are costly to build, cheap to use). */
export function timeFormat(clock: StationClock): TimeFormat {
  const key = `${clock.timeZone} ${clock.locale}`;
  let format = cache.get(key);
  if (!format) {
    format = build(clock);
    if (cache.size > 20) cache.clear();
    cache.set(key, format);
  }
  return format;
}

/**
 * A formatter that follows a clock which can change while the station runs (the operator picks
 * another language, and with it the date format): each call formats with the clock of that moment.
 */
export function liveTimeFormat(current: () => StationClock): TimeFormat {
  const now = () => timeFormat(current());
  return {
    get clock() {
      return now().clock;
    },
    dateTime: (at) => now().dateTime(at),
    time: (at) => now().time(at),
    shortTime: (at) => now().shortTime(at),
    date: (at) => now().date(at),
    iso: (at) => now().iso(at),
    day: (date) => now().day(date),
  };
}

function build(clock: StationClock): TimeFormat {
  const { timeZone, locale } = clock;
  const make = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, { ...options, timeZone });
  const dateTime = make({ dateStyle: 'medium', timeStyle: 'short' });
  const time = make({ timeStyle: 'medium' });
  const shortTime = make({ timeStyle: 'short' });
  const date = make({ dateStyle: 'medium' });
  // Fixed fields in a fixed calendar and numbering, whatever the locale: the parts of iso().
  const fields = new Intl.DateTimeFormat('en-US', {
    timeZone,
    calendar: 'gregory',
    numberingSystem: 'latn',
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    era: 'short',
  });
  const human = (formatter: Intl.DateTimeFormat) => (at: Moment) => {
    const ms = toMs(at);
    // Newer ICU puts a narrow no-break space before "AM"/"PM": a plain space reads the same
    // and survives every font (the Demo label's Helvetica has no U+202F).
    return ms === null ? UNKNOWN_TIME : formatter.format(ms).replace(/[\u202f\u2009]/g, ' ');
  };
  return {
    clock: { timeZone, locale },
    dateTime: human(dateTime),
    time: human(time),
    shortTime: human(shortTime),
    date: human(date),
    iso(at) {
      const ms = toMs(at);
      if (ms === null) return '';
      const whole = Math.floor(ms / 1000) * 1000;
      const { year, month, day, hour, minute, second } = wallClock(whole);
      const offsetMinutes = Math.round((utcOf(year, month, day, hour, minute, second) - whole) / 60_000);
      const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, '0');
      const sign = offsetMinutes < 0 ? '-' : '+';
      const offset = `${sign}${pad(Math.trunc(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
      const yearText = year < 0 ? `-${pad(year, 6)}` : year > 9999 ? `+${pad(year, 6)}` : pad(year, 4);
      return `${yearText}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}${offset}`;
    },
    day(date) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
      if (!match) return null;
      const [year, month, dayOfMonth] = [Number(match[1]), Number(match[2]), Number(match[3])];
      const start = startOf(year, month, dayOfMonth);
      if (start === null) return null;
      const next = new Date(utcOf(year, month, dayOfMonth, 0, 0, 0) + 86_400_000);
      const end = startOf(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate());
      return end === null ? null : { start, end: end - 1 };
    },
  };

  /** The wall-clock fields of a moment in the station's zone. */
  function wallClock(ms: number) {
    const part = Object.fromEntries(fields.formatToParts(ms).map((p) => [p.type, p.value]));
    let year = Number(part.year);
    if (part.era && /^B/i.test(part.era)) year = 1 - year;
    return {
      year,
      month: Number(part.month),
      day: Number(part.day),
      hour: Number(part.hour),
      minute: Number(part.minute),
      second: Number(part.second),
    };
  }

  /** The first moment of a calendar day in the station's zone (midnight, or the first moment after a clock change skipped it). */
  function startOf(year: number, month: number, day: number): number | null {
    const midnight = utcOf(year, month, day, 0, 0, 0);
    const check = new Date(midnight);
    if (check.getUTCMonth() + 1 !== month || check.getUTCDate() !== day) return null;
    // Try the offsets in force around that day; the earliest moment whose wall clock is that day wins.
    const offsets = new Set([-36, -12, 0, 12, 36].map((h) => offsetAt(midnight + h * 3_600_000)));
    const candidates = [...offsets].map((offset) => midnight - offset * 60_000).filter((t) => sameDay(wallClock(t), year, month, day));
    if (candidates.length > 0) return Math.min(...candidates);
    // Midnight itself does not exist (a clock change at 00:00): the day starts when the wall clock jumps into it.
    for (let t = midnight - 14 * 3_600_000; t < midnight + 14 * 3_600_000; t += 15 * 60_000) {
      if (sameDay(wallClock(t), year, month, day)) return t;
    }
    return null;
  }

  function offsetAt(ms: number): number {
    const whole = Math.floor(ms / 1000) * 1000;
    const w = wallClock(whole);
    return Math.round((utcOf(w.year, w.month, w.day, w.hour, w.minute, w.second) - whole) / 60_000);
  }
}

const sameDay = (w: { year: number; month: number; day: number }, year: number, month: number, day: number) =>
  w.year === year && w.month === month && w.day === day;

/** Wall-clock fields read as UTC (years 0–99 as written, not 1900–1999). */
function utcOf(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const at = new Date(0);
  at.setUTCFullYear(year, month - 1, day);
  at.setUTCHours(hour, minute, second, 0);
  return at.getTime();
}

function toMs(at: Moment): number | null {
  const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
  return Number.isFinite(ms) ? ms : null;
}
