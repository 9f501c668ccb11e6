/**
 * Local times used when a person says how often they take a medication but not when
 * (“twice a day”). They sit in waking hours and spread the doses evenly; the person can
 * always change them.
 */
import { DoseScheduleError } from './dose-schedule-error.js';

const DEFAULT_TIMES_BY_COUNT: Readonly<Record<number, readonly string[]>> = {
  1: ['09:00'],
  2: ['09:00', '21:00'],
  3: ['08:00', '14:00', '20:00'],
  4: ['08:00', '12:00', '16:00', '20:00'],
  5: ['08:00', '11:00', '14:00', '17:00', '20:00'],
  6: ['08:00', '11:00', '14:00', '17:00', '20:00', '23:00'],
};

/**
 * Sorted local 'HH:mm' times for `timesPerDay` doses:
 * 1 → 09:00; 2 → 09:00, 21:00; 3 → 08:00, 14:00, 20:00; 4 → 08:00, 12:00, 16:00, 20:00;
 * 5 → every 3 hours from 08:00 to 20:00; 6 → every 3 hours from 08:00 to 23:00.
 * @throws DoseScheduleError when `timesPerDay` is not a whole number from 1 to 6 (the
 *   range the medication analyzers accept)
 */
export function defaultTimesOfDay(timesPerDay: number): string[] {
  const times = DEFAULT_TIMES_BY_COUNT[timesPerDay];
  if (times) return [...times];

  throw new DoseScheduleError(
    'timesPerDay',
    `timesPerDay ${timesPerDay} has no default times; pass a whole number from 1 to 6 or name the times.`,
  );
}
