/**
 * What must be asked about before a medication is saved, and when reminder times are
 * still to be asked.
 */
import { describe, expect, it } from '@jest/globals';
import type { MedicationUnderstanding } from './analysis/medical-text-analyzer.js';
import {
  fieldOfProblem,
  findMedicationProblems,
  needsTimesOfDay,
  withoutProblemsOf,
} from './medication-validation.js';

function medication(overrides: Partial<MedicationUnderstanding> = {}): MedicationUnderstanding {
  return {
    name: 'examplamide',
    recognized: false,
    asNeeded: false,
    frequency: { timesPerDay: 1, timesOfDay: ['09:00'] },
    problems: [],
    ...overrides,
  };
}

describe('findMedicationProblems', () => {
  it('finds none in a plausible medication', () => {
    expect(
      findMedicationProblems(
        medication({
          strength: { value: 20, unit: 'mg' },
          dose: { value: 2, form: 'tablet' },
          cycle: { daysOn: 14, daysOff: 7 },
          startDate: '2027-01-01',
          endDate: '2027-02-01',
        }),
      ),
    ).toEqual([]);
  });

  it("keeps the analyzer's problems first, each once", () => {
    const found = findMedicationProblems(
      medication({ frequency: { everyHours: 0 }, problems: ['zero_interval'] }),
    );
    expect(found).toEqual(['zero_interval']);
  });

  it.each([
    [{ name: '  ' }, 'name_missing'],
    [{ strength: { value: 0, unit: 'mg' } }, 'strength_implausible'],
    [{ dose: { value: 40, form: 'tablet' } }, 'too_many_units'],
    [{ dose: { value: 0, form: 'tablet' } }, 'too_many_units'],
    [{ frequency: { everyHours: 1 } }, 'interval_too_short'],
    [{ frequency: { everyHours: 36 } }, 'interval_unsupported'],
    [{ frequency: { timesPerDay: 9 } }, 'too_many_times'],
    [{ frequency: { timesOfDay: ['25:00'] } }, 'invalid_times'],
    [{ frequency: { timesOfDay: ['09:00'], daysOfWeek: [8] } }, 'invalid_days'],
    [{ cycle: { daysOn: 0, daysOff: 7 } }, 'cycle_implausible'],
    [{ startDate: '2027-02-30' }, 'invalid_dates'],
    [{ startDate: '2027-03-01', endDate: '2027-02-01' }, 'end_before_start'],
  ] as const)('flags %j as %s', (overrides, problem) => {
    expect(
      findMedicationProblems(medication(overrides as Partial<MedicationUnderstanding>)),
    ).toEqual([problem]);
  });

  it('allows more liquid than tablets at one time', () => {
    expect(findMedicationProblems(medication({ dose: { value: 30, form: 'ml' } }))).toEqual([]);
  });
});

describe('needsTimesOfDay', () => {
  it('is true for a count without times, or no schedule at all', () => {
    expect(needsTimesOfDay(medication({ frequency: { timesPerDay: 2 } }))).toBe(true);
    expect(needsTimesOfDay(medication({ frequency: undefined }))).toBe(true);
  });

  it('is false with named times, an interval, or as needed', () => {
    expect(needsTimesOfDay(medication())).toBe(false);
    expect(needsTimesOfDay(medication({ frequency: { everyHours: 8 } }))).toBe(false);
    expect(needsTimesOfDay(medication({ frequency: undefined, asNeeded: true }))).toBe(false);
  });
});

describe('withoutProblemsOf', () => {
  it('drops only the problems of the part that was answered', () => {
    const both = medication({ problems: ['zero_interval', 'too_many_units'] });
    expect(withoutProblemsOf(both, 'times').problems).toEqual(['too_many_units']);
    expect(fieldOfProblem('too_many_units')).toBe('dose');
  });
});
