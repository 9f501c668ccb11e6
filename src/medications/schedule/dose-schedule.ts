/**
 * When a medication's doses are due: the schedule a person agreed to, and the dose
 * occurrences it yields in any window of time. Everything here is pure; reminders are
 * sent elsewhere, once per occurrence, keyed by `doseKey`.
 *
 * Doses stay on the person's local clock: 09:00 is 09:00 before and after a
 * daylight-saving change (see `resolveLocalTime` for the two edge cases).
 */
import type { Cycle, Frequency } from '../analysis/medical-text-analyzer.js';
import {
  addDays,
  daysBetween,
  localDateOf,
  minutesOfDay,
  resolveLocalTime,
  timeOfDayFromMinutes,
  weekdayOf,
} from './local-time.js';
import { assertValidDoseSchedule, assertValidWindow } from './validate-dose-schedule.js';

/** Where `everyHours` schedules start each day when the person named no time. */
export const DEFAULT_ANCHOR_TIME = '08:00';

/** How far `nextOccurrence` looks ahead before answering that there is none, in days. */
export const NEXT_OCCURRENCE_HORIZON_DAYS = 366;

const HOURS_PER_DAY = 24;
const MINUTES_PER_HOUR = 60;
const MS_PER_DAY = 86_400_000;
const SEARCH_STEP_DAYS = 31;

/**
 * A stretch of time without reminders. `from` is inclusive; `to` (exclusive) is set when
 * the person resumes, and a pause without `to` lasts until then. A pause does not move a
 * treatment cycle: cycle days keep counting from `startDate`, so to restart a cycle after
 * a pause give the schedule a new `startDate`.
 */
export interface SchedulePause {
  from: Date;
  to?: Date;
}

/**
 * When one medication is taken, in the person's local calendar and clock.
 *
 * - `timesOfDay`: local 'HH:mm' times (any order, duplicates count once).
 * - `everyHours`: an interval, kept on local times: each local day the doses start at the
 *   first of `timesOfDay` (`DEFAULT_ANCHOR_TIME` when none) and repeat every N hours,
 *   `floor(24 / N)` times, wrapping past midnight into the same day's early hours. Every 8
 *   hours from 06:00 gives 06:00, 14:00, 22:00; from 08:00 it gives 00:00, 08:00, 16:00.
 *   Intervals over 24 hours must be whole days (48 = every other day from `startDate`).
 * - `daysOfWeek`: 1 = Monday … 7 = Sunday; doses only on those days.
 * - `cycle`: on-days are the first `daysOn` of every `daysOn + daysOff` local days,
 *   counted from `startDate` (day 1 of the first cycle).
 * - `startDate` / `endDate`: local 'yyyy-mm-dd' dates, both inclusive.
 * - `asNeeded`: taken when needed, so it yields no occurrences at all.
 * - `pauses`: no occurrences are due while a pause lasts.
 */
export interface DoseSchedule extends Pick<Frequency, 'everyHours' | 'daysOfWeek'> {
  /** IANA zone of the person, e.g. 'Europe/Madrid'. */
  timeZone: string;
  timesOfDay: string[];
  cycle?: Cycle;
  startDate: string;
  endDate?: string;
  asNeeded: boolean;
  pauses?: SchedulePause[];
}

/** One dose due under a schedule. */
export interface DoseOccurrence {
  /**
   * 'yyyy-mm-ddTHH:mm' in local date and scheduled local time. It is the same whichever
   * window found it, and does not change across daylight-saving changes (a 02:30 dose
   * moved to 03:00 by a spring-forward gap keeps 'T02:30').
   */
  key: string;
  /** The instant it is due. */
  dueAt: Date;
  /** Local 'yyyy-mm-dd'. */
  localDate: string;
  /** Scheduled local 'HH:mm'. */
  localTime: string;
}

/**
 * The occurrences due from `fromUtc` (inclusive) to `toUtc` (exclusive), sorted by
 * `dueAt`. Empty for as-needed schedules and while paused.
 * @throws DoseScheduleError when the schedule or the window is invalid
 */
export function occurrencesBetween(
  schedule: DoseSchedule,
  fromUtc: Date,
  toUtc: Date,
): DoseOccurrence[] {
  assertValidDoseSchedule(schedule);
  assertValidWindow(fromUtc, toUtc);
  if (schedule.asNeeded || fromUtc.getTime() === toUtc.getTime()) return [];

  const occurrences: DoseOccurrence[] = [];
  for (const date of localDatesCovering(schedule, fromUtc, toUtc)) {
    for (const occurrence of occurrencesOnDate(schedule, date)) {
      if (occurrence.dueAt < fromUtc || occurrence.dueAt >= toUtc) continue;
      if (isPaused(schedule, occurrence.dueAt)) continue;
      occurrences.push(occurrence);
    }
  }
  return occurrences.sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * The first occurrence due strictly after `afterUtc`, or undefined when there is none
 * within `NEXT_OCCURRENCE_HORIZON_DAYS` (as-needed, ended, or paused with no resume).
 * @throws DoseScheduleError when the schedule or `afterUtc` is invalid
 */
export function nextOccurrence(schedule: DoseSchedule, afterUtc: Date): DoseOccurrence | undefined {
  assertValidWindow(afterUtc, afterUtc);
  const horizon = afterUtc.getTime() + NEXT_OCCURRENCE_HORIZON_DAYS * MS_PER_DAY;
  let from = new Date(afterUtc.getTime() + 1);
  while (from.getTime() < horizon) {
    const to = new Date(Math.min(horizon, from.getTime() + SEARCH_STEP_DAYS * MS_PER_DAY));
    const [first] = occurrencesBetween(schedule, from, to);
    if (first) return first;
    from = to;
  }
  return undefined;
}

/**
 * The idempotency key of one dose of one medication, `${medicationId}:${occurrence.key}`:
 * at most one reminder is ever sent per key.
 */
export function doseKey(medicationId: string, occurrence: Pick<DoseOccurrence, 'key'>): string {
  return `${medicationId}:${occurrence.key}`;
}

/** The local times doses are due on a dose day, sorted. */
export function dailyTimes(schedule: DoseSchedule): string[] {
  const named = [...new Set(schedule.timesOfDay)].sort();
  if (schedule.everyHours === undefined) return named;

  const anchor = minutesOfDay(named[0] ?? DEFAULT_ANCHOR_TIME);
  const stepHours = Math.min(schedule.everyHours, HOURS_PER_DAY);
  const dosesPerDay = Math.floor(HOURS_PER_DAY / stepHours);
  const times = Array.from({ length: dosesPerDay }, (_, index) =>
    timeOfDayFromMinutes(anchor + index * stepHours * MINUTES_PER_HOUR),
  );
  return [...new Set(times)].sort();
}

/** True when doses are due on a local date (ignoring pauses, which work on instants). */
export function isDoseDay(schedule: DoseSchedule, date: string): boolean {
  const dayIndex = daysBetween(schedule.startDate, date);
  if (dayIndex < 0) return false;
  if (schedule.endDate !== undefined && date > schedule.endDate) return false;
  if (schedule.daysOfWeek && !schedule.daysOfWeek.includes(weekdayOf(date))) return false;
  if (schedule.cycle && !isCycleOnDay(schedule.cycle, dayIndex)) return false;

  return isIntervalDay(schedule.everyHours, dayIndex);
}

function isCycleOnDay(cycle: Cycle, dayIndex: number): boolean {
  return dayIndex % (cycle.daysOn + cycle.daysOff) < cycle.daysOn;
}

function isIntervalDay(everyHours: number | undefined, dayIndex: number): boolean {
  if (everyHours === undefined || everyHours <= HOURS_PER_DAY) return true;

  return dayIndex % (everyHours / HOURS_PER_DAY) === 0;
}

function occurrencesOnDate(schedule: DoseSchedule, date: string): DoseOccurrence[] {
  if (!isDoseDay(schedule, date)) return [];

  return dailyTimes(schedule).map((time) => ({
    key: `${date}T${time}`,
    dueAt: resolveLocalTime(date, time, schedule.timeZone),
    localDate: date,
    localTime: time,
  }));
}

/** Local dates from the window's first to its last, clipped to the schedule's dates. */
function localDatesCovering(schedule: DoseSchedule, fromUtc: Date, toUtc: Date): string[] {
  const windowStart = localDateOf(fromUtc, schedule.timeZone);
  const windowEnd = localDateOf(toUtc, schedule.timeZone);
  const first = windowStart > schedule.startDate ? windowStart : schedule.startDate;
  const last =
    schedule.endDate !== undefined && schedule.endDate < windowEnd ? schedule.endDate : windowEnd;
  const dates: string[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) dates.push(date);
  return dates;
}

function isPaused(schedule: DoseSchedule, instant: Date): boolean {
  return (schedule.pauses ?? []).some(
    (pause) => pause.from <= instant && (pause.to === undefined || instant < pause.to),
  );
}
