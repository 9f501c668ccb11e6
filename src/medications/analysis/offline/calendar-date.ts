/**
 * Calendar dates as ISO strings (yyyy-mm-dd) with no time and no zone: the person's own
 * calendar, as `today` gives it. Arithmetic goes through UTC midnight, where days are always
 * 24 hours long.
 */

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The ISO date for a year, month (1-12) and day; undefined when no such date exists. */
export function isoDate(year: number, month: number, day: number): string | undefined {
  const time = Date.UTC(year, month - 1, day);
  const date = new Date(time);
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return undefined;
  if (date.getUTCDate() !== day) return undefined;

  return date.toISOString().slice(0, 10);
}

/** True when `value` is a real date written yyyy-mm-dd. */
export function isIsoDate(value: string): boolean {
  const parts = ISO_DATE.exec(value);
  return parts !== null && isoDate(Number(parts[1]), Number(parts[2]), Number(parts[3])) === value;
}

/** Year, month (1-12) and day of an ISO date. */
export function dateParts(iso: string): { year: number; month: number; day: number } {
  const [year = 0, month = 0, day = 0] = iso.split('-').map(Number);
  return { year, month, day };
}

/** `iso` moved by `days` (negative goes back). */
export function addDays(iso: string, days: number): string {
  const { year, month, day } = dateParts(iso);
  return new Date(Date.UTC(year, month - 1, day) + days * MS_PER_DAY).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const a = dateParts(from);
  const b = dateParts(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / MS_PER_DAY,
  );
}

/** ISO weekday of a date: 1 = Monday … 7 = Sunday. */
export function weekdayOf(iso: string): number {
  const { year, month, day } = dateParts(iso);
  const sundayFirst = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return sundayFirst === 0 ? 7 : sundayFirst;
}

/** Today's date on this machine's clock, for when the caller gives no calendar of its own. */
export function localToday(now: Date = new Date()): string {
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}
