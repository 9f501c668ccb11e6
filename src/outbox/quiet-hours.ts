/**
 * Quiet hours: a window in the person's own time zone (by default 21:00 to 08:00) when
 * CareLine sends nothing that can wait. Reminders and relays due then are held until the
 * window closes; replies to what the person just wrote, and crisis and safety messages, are
 * never held. The window may cross midnight; start equal to end means no quiet hours.
 */
import { DateTime } from 'luxon';

/** A window of local times, 'HH:mm'. */
export interface QuietWindow {
  start: string;
  end: string;
}

/** CareLine's default window (QUIET_HOURS_START and QUIET_HOURS_END). */
export const DEFAULT_QUIET_WINDOW: QuietWindow = { start: '21:00', end: '08:00' };

/** What a person's row says about their quiet hours. */
export interface QuietHoursOwner {
  time_zone: string | null;
  quiet_hours_start: string | null;
  quiet_hours_end: string | null;
}

const CLOCK_TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** True for a local time 'HH:mm' (00:00 to 23:59). */
export function isClockTime(value: string): boolean {
  return CLOCK_TIME.test(value);
}

/** The operator's window (QUIET_HOURS_START/END): a person's until they set their own. */
export function operatorQuietWindow(config: {
  QUIET_HOURS_START: string;
  QUIET_HOURS_END: string;
}): QuietWindow {
  return { start: config.QUIET_HOURS_START, end: config.QUIET_HOURS_END };
}

/** True when the person has set a window of their own (a valid one). */
export function hasOwnQuietWindow(owner: QuietHoursOwner): boolean {
  const { quiet_hours_start: start, quiet_hours_end: end } = owner;
  return Boolean(start && end && isClockTime(start) && isClockTime(end));
}

/** The person's own window, else `defaults`. */
export function quietWindowOf(owner: QuietHoursOwner, defaults: QuietWindow): QuietWindow {
  if (!hasOwnQuietWindow(owner)) return defaults;
  return { start: owner.quiet_hours_start!, end: owner.quiet_hours_end! };
}

function minutesOf(clock: string): number {
  const [hours, minutes] = clock.split(':').map(Number);
  return hours! * 60 + minutes!;
}

/** True when the local time `clock` ('HH:mm') falls inside `window`. */
export function isQuietTime(clock: string, window: QuietWindow): boolean {
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  const now = minutesOf(clock);
  if (start === end) return false;

  return start > end ? now >= start || now < end : now >= start && now < end;
}

/**
 * When a non-urgent message due at `at` may be sent: undefined when `at` is outside the
 * person's quiet hours, otherwise the end of the window (in UTC). A person without a time
 * zone is treated as being in `fallbackZone`.
 */
export function quietHoldUntil(
  owner: QuietHoursOwner,
  at: Date,
  defaults: QuietWindow = DEFAULT_QUIET_WINDOW,
  fallbackZone = 'UTC',
): Date | undefined {
  const window = quietWindowOf(owner, defaults);
  const start = minutesOf(window.start);
  const end = minutesOf(window.end);
  if (start === end) return undefined;

  // A zone luxon does not know (a stale row) counts as UTC rather than failing the send.
  const inZone = DateTime.fromJSDate(at, { zone: owner.time_zone ?? fallbackZone });
  const local = inZone.isValid ? inZone : DateTime.fromJSDate(at, { zone: 'UTC' });
  const now = local.hour * 60 + local.minute;
  const crossesMidnight = start > end;
  if (!isQuietTime(local.toFormat('HH:mm'), window)) return undefined;

  // The window ends today, or tomorrow when it started this evening and crosses midnight.
  const endsTomorrow = crossesMidnight && now >= start;
  const endLocal = local
    .startOf('day')
    .plus({ days: endsTomorrow ? 1 : 0 })
    .set({ hour: Math.floor(end / 60), minute: end % 60 });
  return endLocal.toJSDate();
}
