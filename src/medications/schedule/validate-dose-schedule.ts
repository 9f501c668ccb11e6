/**
 * Checks on a dose schedule before any time is computed from it, so a bad row or a
 * half-built schedule fails loudly with the field named instead of yielding wrong times.
 */
import type { DoseSchedule } from './dose-schedule.js';
import { DoseScheduleError } from './dose-schedule-error.js';
import { assertTimeZone, isLocalDate, isLocalTime } from './local-time.js';

const HOURS_PER_DAY = 24;

/**
 * @throws DoseScheduleError naming the first invalid field of `schedule`
 */
export function assertValidDoseSchedule(schedule: DoseSchedule): void {
  assertTimeZone(schedule.timeZone);
  assertTimesOfDay(schedule);
  assertEveryHours(schedule.everyHours);
  assertDaysOfWeek(schedule.daysOfWeek);
  assertCycle(schedule);
  assertDates(schedule);
  assertPauses(schedule);
}

/** @throws DoseScheduleError when either end is not a valid Date or `toUtc` is earlier */
export function assertValidWindow(fromUtc: Date, toUtc: Date): void {
  if (!isValidDate(fromUtc)) fail('fromUtc', 'fromUtc must be a valid Date.');
  if (!isValidDate(toUtc)) fail('toUtc', 'toUtc must be a valid Date.');
  if (toUtc < fromUtc) fail('toUtc', 'toUtc is before fromUtc; pass the window in order.');
}

function assertTimesOfDay(schedule: DoseSchedule): void {
  schedule.timesOfDay.forEach((time, index) => {
    if (!isLocalTime(time)) {
      fail(`timesOfDay[${index}]`, `"${time}" is not a 24-hour 'HH:mm' time such as '08:00'.`);
    }
  });
  const needsTimes = !schedule.asNeeded && schedule.everyHours === undefined;
  if (needsTimes && schedule.timesOfDay.length === 0) {
    fail(
      'timesOfDay',
      'a scheduled medication needs timesOfDay or everyHours; see defaultTimesOfDay.',
    );
  }
}

function assertEveryHours(everyHours: number | undefined): void {
  if (everyHours === undefined) return;

  if (!Number.isInteger(everyHours) || everyHours < 1) {
    fail('everyHours', `everyHours ${everyHours} must be a whole number of hours, at least 1.`);
  }
  if (everyHours > HOURS_PER_DAY && everyHours % HOURS_PER_DAY !== 0) {
    fail('everyHours', `everyHours ${everyHours} over 24 must be whole days (48, 72, …).`);
  }
}

function assertDaysOfWeek(daysOfWeek: number[] | undefined): void {
  if (daysOfWeek === undefined) return;

  if (daysOfWeek.length === 0) fail('daysOfWeek', 'daysOfWeek is empty; omit it for every day.');
  for (const day of daysOfWeek) {
    if (!Number.isInteger(day) || day < 1 || day > 7) {
      fail('daysOfWeek', `day ${day} is not 1 (Monday) to 7 (Sunday).`);
    }
  }
}

function assertCycle({ cycle }: DoseSchedule): void {
  if (cycle === undefined) return;

  if (!Number.isInteger(cycle.daysOn) || cycle.daysOn < 1) {
    fail('cycle.daysOn', `cycle.daysOn ${cycle.daysOn} must be a whole number, at least 1.`);
  }
  if (!Number.isInteger(cycle.daysOff) || cycle.daysOff < 0) {
    fail('cycle.daysOff', `cycle.daysOff ${cycle.daysOff} must be a whole number, at least 0.`);
  }
}

function assertDates({ startDate, endDate }: DoseSchedule): void {
  if (!isLocalDate(startDate)) fail('startDate', `startDate "${startDate}" is not 'yyyy-mm-dd'.`);
  if (endDate === undefined) return;

  if (!isLocalDate(endDate)) fail('endDate', `endDate "${endDate}" is not 'yyyy-mm-dd'.`);
  if (endDate < startDate) fail('endDate', 'endDate is before startDate; both are inclusive.');
}

function assertPauses({ pauses = [] }: DoseSchedule): void {
  pauses.forEach((pause, index) => {
    const field = `pauses[${index}]`;
    if (!isValidDate(pause.from)) fail(`${field}.from`, `${field}.from must be a valid Date.`);
    if (pause.to === undefined) return;
    if (!isValidDate(pause.to)) fail(`${field}.to`, `${field}.to must be a valid Date.`);
    if (pause.to < pause.from) fail(`${field}.to`, `${field}.to is before its from.`);
  });
}

function isValidDate(value: Date): boolean {
  return value instanceof Date && !Number.isNaN(value.getTime());
}

function fail(field: string, message: string): never {
  throw new DoseScheduleError(field, message);
}
