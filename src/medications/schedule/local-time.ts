/**
 * Calendar arithmetic in a person's time zone. Local dates are ISO strings ('yyyy-mm-dd')
 * and local times are 'HH:mm'; instants are `Date`s (UTC). Calendar days are counted on
 * the dates themselves, so daylight-saving changes never shift a day.
 */
import { DateTime, IANAZone } from 'luxon';
import { DoseScheduleError } from './dose-schedule-error.js';

const MS_PER_MINUTE = 60_000;
const MS_PER_DAY = 86_400_000;
const LOCAL_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True for an IANA zone name Luxon knows, such as 'America/New_York' or 'UTC'. */
export function isValidTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

/** True for a real calendar date written 'yyyy-mm-dd' (2027-02-30 is not). */
export function isLocalDate(value: string): boolean {
  return LOCAL_DATE_PATTERN.test(value) && DateTime.fromISO(value, { zone: 'utc' }).isValid;
}

/** True for a 24-hour clock time written 'HH:mm' ('07:05', '21:30'). */
export function isLocalTime(value: string): boolean {
  return LOCAL_TIME_PATTERN.test(value);
}

/** @throws DoseScheduleError when `timeZone` is not an IANA zone name */
export function assertTimeZone(timeZone: string, field = 'timeZone'): void {
  if (isValidTimeZone(timeZone)) return;

  throw new DoseScheduleError(
    field,
    `${field} "${timeZone}" is not an IANA time zone; use a name such as "Europe/Madrid".`,
  );
}

/** The local date ('yyyy-mm-dd') of an instant in a zone. */
export function localDateOf(instant: Date, timeZone: string): string {
  return DateTime.fromJSDate(instant, { zone: timeZone }).toISODate() ?? '';
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'utc' }).plus({ days }).toISODate() ?? '';
}

/** Calendar days from `from` to `to`: 0 for the same date, negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00Z`) - Date.parse(`${from}T00:00Z`)) / MS_PER_DAY);
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'utc' }).weekday;
}

/** Minutes after midnight of an 'HH:mm' time. */
export function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** The 'HH:mm' time `minutes` after midnight (taken modulo one day). */
export function timeOfDayFromMinutes(minutes: number): string {
  const inDay = ((minutes % 1440) + 1440) % 1440;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(Math.floor(inDay / 60))}:${pad(inDay % 60)}`;
}

/**
 * The instant a local date and time happen in a zone, resolving daylight-saving edges:
 * - a time that happens twice (fall back, 01:30 in New York on 2027-11-07) resolves to its
 *   first instance, the one before the clocks go back;
 * - a time that does not exist (spring forward, 02:30 in New York on 2027-03-14) resolves
 *   to the instant the clocks jump, the first valid instant after the gap (03:00 there).
 */
export function resolveLocalTime(date: string, time: string, timeZone: string): Date {
  const zone = IANAZone.create(timeZone);
  const wallMs = Date.parse(`${date}T${time}:00Z`);
  // The offsets a day either side cover both sides of any transition on this date.
  const offsets = [zone.offset(wallMs - MS_PER_DAY), zone.offset(wallMs + MS_PER_DAY)];
  const instants = offsets
    .map((offset) => wallMs - offset * MS_PER_MINUTE)
    .filter((instant) => wallMs === instant + zone.offset(instant) * MS_PER_MINUTE)
    .sort((a, b) => a - b);
  const first = instants[0];
  if (first !== undefined) return new Date(first);

  return new Date(findGapEnd(zone, wallMs, offsets));
}

/** The first minute after a spring-forward gap that contains the wall time `wallMs`. */
function findGapEnd(zone: IANAZone, wallMs: number, offsets: number[]): number {
  const [before = 0, after = 0] = offsets;
  let low = wallMs - after * MS_PER_MINUTE; // still on the old offset
  let high = wallMs - before * MS_PER_MINUTE; // already on the new offset
  while (high - low > MS_PER_MINUTE) {
    const middle = low + Math.floor((high - low) / 2 / MS_PER_MINUTE) * MS_PER_MINUTE;
    if (zone.offset(middle) === before) low = middle;
    else high = middle;
  }
  return high;
}
