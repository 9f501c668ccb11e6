/**
 * The knobs of the reminders engine and their defaults: how long a snooze lasts, how long a
 * reminder waits before its one follow-up, when an open dose counts as missed, how many
 * missed doses alert the care circle, the quiet hours for people who set none, and how far
 * ahead of its due time a reminder is prepared.
 */
import {
  FOLLOW_UP_GRACE_MINUTES,
  MISS_AFTER_HOURS,
  MISSED_ALERT_COUNT,
  MISSED_ALERT_DAYS,
} from '../schedule/dose-outcomes.js';
import { DEFAULT_QUIET_WINDOW, type QuietWindow } from '../../outbox/quiet-hours.js';

/** Snooze length when none is configured, in minutes. */
export const SNOOZE_MINUTES = 30;

/** How long before a dose is due its reminder is prepared and held, in minutes. */
export const PREPARE_MINUTES_AHEAD = 10;

export interface ReminderSettings {
  /** How long Snooze postpones a reminder, in minutes; default 30. */
  snoozeMinutes: number;
  /** Wait after a reminder before the one gentle follow-up, in minutes; default 60. */
  graceMinutes: number;
  /** An open dose is missed this many hours after it could reach the person; default 4. */
  missAfterHours: number;
  /** Missed doses that alert the care circle: `count` within `days`; default 2 in 3. */
  missedThreshold: { count: number; days: number };
  /** Quiet hours for people who set none; default 21:00 to 08:00. */
  quietHours: QuietWindow;
  /**
   * How long before the due time the reminder job runs, in minutes (fractions allowed);
   * default 10. It queues the reminder held until the due time, so a burst of doses due in
   * the same minute is prepared ahead and released on time.
   */
  prepareMinutesAhead?: number;
}

/** The settings with every field set, as the engine uses them. */
export type ResolvedReminderSettings = Required<ReminderSettings>;

/** The settings with every unset field at its default. */
export function resolveReminderSettings(
  partial: Partial<ReminderSettings> = {},
): ResolvedReminderSettings {
  return {
    snoozeMinutes: partial.snoozeMinutes ?? SNOOZE_MINUTES,
    graceMinutes: partial.graceMinutes ?? FOLLOW_UP_GRACE_MINUTES,
    missAfterHours: partial.missAfterHours ?? MISS_AFTER_HOURS,
    missedThreshold: partial.missedThreshold ?? {
      count: MISSED_ALERT_COUNT,
      days: MISSED_ALERT_DAYS,
    },
    quietHours: partial.quietHours ?? DEFAULT_QUIET_WINDOW,
    prepareMinutesAhead: partial.prepareMinutesAhead ?? PREPARE_MINUTES_AHEAD,
  };
}
