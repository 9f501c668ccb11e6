/**
 * Turns a medication as the analyzers understood it (and the person confirmed) into the
 * schedule reminders are computed from, filling in what the person did not say.
 */
import type { MedicationUnderstanding } from '../analysis/medical-text-analyzer.js';
import { defaultTimesOfDay } from './default-times-of-day.js';
import type { DoseSchedule } from './dose-schedule.js';
import { DoseScheduleError } from './dose-schedule-error.js';
import { addDays } from './local-time.js';
import { assertValidDoseSchedule } from './validate-dose-schedule.js';

/** Where and when the person is when the medication is saved. */
export interface ScheduleContext {
  /** The person's IANA zone. */
  timeZone: string;
  /** Today's local date 'yyyy-mm-dd', the start when none was stated. */
  today: string;
}

/**
 * The schedule for a confirmed medication:
 * - times: the named `timesOfDay`; else none for `everyHours` (anchored at 08:00, see
 *   `DoseSchedule`) and as-needed medications; else `defaultTimesOfDay(timesPerDay ?? 1)`;
 * - starts on the stated `startDate` or today; ends on the stated `endDate`, else after
 *   `durationDays` (day 1 being the start), else never;
 * - `everyHours`, `daysOfWeek`, `cycle` and `asNeeded` are kept as understood.
 * @throws DoseScheduleError when the understanding still has `problems` (ask the person
 *   first) or yields an invalid schedule
 */
export function scheduleFromUnderstanding(
  medication: MedicationUnderstanding,
  context: ScheduleContext,
): DoseSchedule {
  if (medication.problems.length > 0) {
    throw new DoseScheduleError(
      'problems',
      `the medication has unresolved problems (${medication.problems.join(', ')}); confirm with the person before scheduling.`,
    );
  }

  const frequency = medication.frequency ?? {};
  const startDate = medication.startDate ?? context.today;
  const schedule: DoseSchedule = {
    timeZone: context.timeZone,
    timesOfDay: timesOfDayFor(medication),
    everyHours: frequency.everyHours,
    daysOfWeek: frequency.daysOfWeek,
    cycle: medication.cycle,
    startDate,
    endDate: endDateFor(medication, startDate),
    asNeeded: medication.asNeeded,
  };
  assertValidDoseSchedule(schedule);
  return schedule;
}

function timesOfDayFor({ frequency = {}, asNeeded }: MedicationUnderstanding): string[] {
  if (frequency.timesOfDay?.length) return [...frequency.timesOfDay].sort();
  if (asNeeded || frequency.everyHours !== undefined) return [];

  return defaultTimesOfDay(frequency.timesPerDay ?? 1);
}

function endDateFor(medication: MedicationUnderstanding, startDate: string): string | undefined {
  if (medication.endDate !== undefined) return medication.endDate;
  if (medication.durationDays === undefined) return undefined;

  return addDays(startDate, medication.durationDays - 1);
}
