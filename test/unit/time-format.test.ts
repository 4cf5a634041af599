import { describe, expect, it } from 'vitest';
import { resolveClock, timeFormat, UNKNOWN_TIME } from '../../shared/domain/time-format';

/** 2026-12-01T20:33:12Z: 05:33 the next morning in Tokyo, 21:33 in Berlin (winter time). */
const WINTER = Date.UTC(2026, 11, 1, 20, 33, 12);
/** 2026-07-01T20:33:12Z: 22:33 in Berlin (summer time, UTC+2). */
const SUMMER = Date.UTC(2026, 6, 1, 20, 33, 12);

describe('the station clock', () => {
  it('formats in the station zone, not in UTC', () => {
    const tokyo = timeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-GB' });
    expect(tokyo.dateTime(WINTER)).toBe('2 Dec 2026, 05:33');
    expect(tokyo.time(WINTER)).toBe('05:33:12');
    expect(tokyo.shortTime(WINTER)).toBe('05:33');
    expect(tokyo.date(WINTER)).toBe('2 Dec 2026');
    expect(tokyo.iso(WINTER)).toBe('2026-12-02T05:33:12+09:00');
  });

  it('follows daylight saving time in Europe/Berlin', () => {
    const berlin = timeFormat({ timeZone: 'Europe/Berlin', locale: 'de-DE' });
    expect(berlin.time(WINTER)).toBe('21:33:12');
    expect(berlin.iso(WINTER)).toBe('2026-12-01T21:33:12+01:00');
    expect(berlin.time(SUMMER)).toBe('22:33:12');
    expect(berlin.iso(SUMMER)).toBe('2026-07-01T22:33:12+02:00');
    // The spring-forward night: 01:59:59 CET is followed by 03:00:00 CEST (29 March 2026).
    const jump = Date.UTC(2026, 2, 29, 1, 0, 0);
    expect(berlin.iso(jump - 1000)).toBe('2026-03-29T01:59:59+01:00');
    expect(berlin.iso(jump)).toBe('2026-03-29T03:00:00+02:00');
    // The autumn night: 02:30 happens twice, told apart by the offset.
    const back = Date.UTC(2026, 9, 25, 1, 0, 0);
    expect(berlin.iso(back - 30 * 60_000)).toBe('2026-10-25T02:30:00+02:00');
    expect(berlin.iso(back + 30 * 60_000)).toBe('2026-10-25T02:30:00+01:00');
  });

  it('takes the locale as a parameter: the same moment in the operator format', () => {
    const us = timeFormat({ timeZone: 'America/New_York', locale: 'en-US' });
    expect(us.dateTime(WINTER)).toBe('Dec 1, 2026, 3:33 PM');
    expect(us.iso(WINTER)).toBe('2026-12-01T15:33:12-05:00');
    expect(timeFormat({ timeZone: 'Asia/Tokyo', locale: 'ja-JP' }).dateTime(WINTER)).toBe('2026/12/02 5:33');
    expect(timeFormat({ timeZone: 'Asia/Kolkata', locale: 'en-GB' }).iso(WINTER)).toBe('2026-12-02T02:03:12+05:30');
  });

  it('reads ISO texts and Dates as well as ms, and says so when a moment cannot be read', () => {
    const tokyo = timeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-GB' });
    expect(tokyo.time('2026-12-01T20:33:12Z')).toBe('05:33:12');
    expect(tokyo.time(new Date(WINTER))).toBe('05:33:12');
    expect(tokyo.dateTime('not a time')).toBe(UNKNOWN_TIME);
    expect(tokyo.iso(Number.NaN)).toBe('');
  });

  it('turns a calendar day into its first and last millisecond in the station zone (History filters by it)', () => {
    const tokyo = timeFormat({ timeZone: 'Asia/Tokyo', locale: 'en-GB' });
    expect(tokyo.day('2026-12-02')).toEqual({ start: Date.UTC(2026, 11, 1, 15), end: Date.UTC(2026, 11, 2, 15) - 1 });
    const berlin = timeFormat({ timeZone: 'Europe/Berlin', locale: 'de-DE' });
    // The spring-forward day has 23 hours, the autumn one 25.
    expect(berlin.day('2026-03-29')).toEqual({ start: Date.UTC(2026, 2, 28, 23), end: Date.UTC(2026, 2, 29, 22) - 1 });
    expect(berlin.day('2026-10-25')).toEqual({ start: Date.UTC(2026, 9, 24, 22), end: Date.UTC(2026, 9, 25, 23) - 1 });
    expect(berlin.day('2026-02-30')).toBeNull();
    expect(berlin.day('30.01.2026')).toBeNull();
    // A zone whose clocks skip midnight itself (Chile springs forward at 24:00): the day starts at its first real moment.
    const santiago = timeFormat({ timeZone: 'America/Santiago', locale: 'es-CL' });
    for (const date of ['2026-09-06', '2026-09-07', '2026-04-05', '2026-01-15']) {
      const range = santiago.day(date)!;
      expect(santiago.iso(range.start).slice(0, 10)).toBe(date);
      expect(santiago.iso(range.start - 1000).slice(0, 10)).not.toBe(date);
      expect(santiago.iso(range.end).slice(0, 10)).toBe(date);
      expect(santiago.iso(range.end + 1).slice(0, 10)).not.toBe(date);
    }
  });

  it('falls back to the system zone and locale for names Intl does not know', () => {
    const system = resolveClock();
    expect(resolveClock({ timeZone: 'Mars/Olympus_Mons', locale: 'en-GB' })).toEqual({ timeZone: system.timeZone, locale: 'en-GB' });
    expect(resolveClock({ timeZone: 'asia/tokyo' }).timeZone).toBe('Asia/Tokyo');
    expect(resolveClock({ timeZone: 'UTC', locale: 'not a locale!' })).toEqual({ timeZone: 'UTC', locale: system.locale });
  });
});
