/**
 * What must be true of a medication before it is saved: a name, a possible schedule and
 * plausible amounts. Problems are asked about, never saved; the analyzers flag some of
 * them already (`MedicationUnderstanding.problems`) and the rest are found here, also after
 * the person changed a part by hand.
 */
import type { AnalysisProblem, MedicationUnderstanding } from './analysis/medical-text-analyzer.js';
import { isLocalDate, isLocalTime } from './schedule/local-time.js';

/** Something about a medication that has to be asked about before it can be saved. */
export type MedicationProblem =
  | AnalysisProblem
  | 'name_missing'
  | 'interval_unsupported'
  | 'invalid_times'
  | 'invalid_days'
  | 'invalid_dates'
  | 'end_before_start';

/** The part of a medication a person can change, and each problem is about. */
export type MedicationField =
  'name' | 'strength' | 'dose' | 'times' | 'cycle' | 'dates' | 'asNeeded';

/** Longest medication name kept, in characters. */
export const MAX_NAME_CHARACTERS = 80;
/** Most tablets, capsules, puffs… taken at one time that is plausible. */
export const MAX_UNITS_PER_DOSE = 10;
/** Most millilitres (or drops) taken at one time that is plausible. */
export const MAX_LIQUID_PER_DOSE = 100;
/** Most doses a day CareLine reminds about (the analyzers' range too). */
export const MAX_TIMES_PER_DAY = 6;
/** Shortest and longest interval the reminders support, in hours. */
export const MIN_INTERVAL_HOURS = 2;
export const MAX_INTERVAL_HOURS = 24;
/** Longest cycle phase that is plausible, in days. */
export const MAX_CYCLE_DAYS = 365;
/** Largest strength value that is plausible, in any unit. */
export const MAX_STRENGTH_VALUE = 100_000;

const LIQUID_FORMS = new Set(['ml', 'drop']);

const FIELD_OF_PROBLEM: Record<MedicationProblem, MedicationField> = {
  name_missing: 'name',
  strength_implausible: 'strength',
  too_many_units: 'dose',
  zero_interval: 'times',
  interval_too_short: 'times',
  interval_unsupported: 'times',
  too_many_times: 'times',
  invalid_times: 'times',
  invalid_days: 'times',
  cycle_implausible: 'cycle',
  invalid_dates: 'dates',
  end_before_start: 'dates',
};

/** The part of the medication to ask again about to solve `problem`. */
export function fieldOfProblem(problem: MedicationProblem): MedicationField {
  return FIELD_OF_PROBLEM[problem];
}

/**
 * Every problem of `medication`, the analyzer's first, each once; empty when it can be
 * saved.
 */
export function findMedicationProblems(medication: MedicationUnderstanding): MedicationProblem[] {
  const found: MedicationProblem[] = [
    ...medication.problems,
    ...nameProblems(medication),
    ...amountProblems(medication),
    ...frequencyProblems(medication),
    ...cycleProblems(medication),
    ...dateProblems(medication),
  ];
  return [...new Set(found)];
}

/**
 * True when the person said how often but not when ("twice a day"), or nothing about when
 * at all, so the reminder times must be asked (with `defaultTimesOfDay` as suggestions).
 */
export function needsTimesOfDay(medication: MedicationUnderstanding): boolean {
  const frequency = medication.frequency ?? {};
  if (medication.asNeeded || frequency.everyHours !== undefined) return false;

  return !frequency.timesOfDay?.length;
}

/** The same medication without the problems about `field` (the person just answered it). */
export function withoutProblemsOf(
  medication: MedicationUnderstanding,
  field: MedicationField,
): MedicationUnderstanding {
  const problems = medication.problems.filter((problem) => fieldOfProblem(problem) !== field);
  return { ...medication, problems };
}

function nameProblems({ name }: MedicationUnderstanding): MedicationProblem[] {
  const length = [...name.trim()].length;
  return length === 0 || length > MAX_NAME_CHARACTERS ? ['name_missing'] : [];
}

function amountProblems({ strength, dose }: MedicationUnderstanding): MedicationProblem[] {
  const problems: MedicationProblem[] = [];
  if (strength && !isWithin(strength.value, 0, MAX_STRENGTH_VALUE, { exclusiveMin: true })) {
    problems.push('strength_implausible');
  }
  const maxPerDose = dose && LIQUID_FORMS.has(dose.form) ? MAX_LIQUID_PER_DOSE : MAX_UNITS_PER_DOSE;
  if (dose && !isWithin(dose.value, 0, maxPerDose, { exclusiveMin: true })) {
    problems.push('too_many_units');
  }
  return problems;
}

function frequencyProblems({ frequency = {} }: MedicationUnderstanding): MedicationProblem[] {
  const { timesPerDay, timesOfDay = [], everyHours, daysOfWeek } = frequency;
  const problems: MedicationProblem[] = [];
  if (everyHours !== undefined) problems.push(...intervalProblems(everyHours));
  if (timesPerDay !== undefined && !isWholeWithin(timesPerDay, 1, MAX_TIMES_PER_DAY)) {
    problems.push(timesPerDay > MAX_TIMES_PER_DAY ? 'too_many_times' : 'invalid_times');
  }
  if (timesOfDay.length > MAX_TIMES_PER_DAY) problems.push('too_many_times');
  if (!timesOfDay.every(isLocalTime)) problems.push('invalid_times');
  if (daysOfWeek && (daysOfWeek.length === 0 || !daysOfWeek.every(isWeekday))) {
    problems.push('invalid_days');
  }
  return problems;
}

function intervalProblems(everyHours: number): MedicationProblem[] {
  if (everyHours <= 0) return ['zero_interval'];
  if (everyHours < MIN_INTERVAL_HOURS) return ['interval_too_short'];
  if (!isWholeWithin(everyHours, MIN_INTERVAL_HOURS, MAX_INTERVAL_HOURS)) {
    return ['interval_unsupported'];
  }
  return [];
}

function cycleProblems({ cycle }: MedicationUnderstanding): MedicationProblem[] {
  if (!cycle) return [];

  const plausible =
    isWholeWithin(cycle.daysOn, 1, MAX_CYCLE_DAYS) &&
    isWholeWithin(cycle.daysOff, 0, MAX_CYCLE_DAYS);
  return plausible ? [] : ['cycle_implausible'];
}

function dateProblems({ startDate, endDate }: MedicationUnderstanding): MedicationProblem[] {
  const dates = [startDate, endDate].filter((date) => date !== undefined);
  if (!dates.every(isLocalDate)) return ['invalid_dates'];
  if (startDate && endDate && endDate < startDate) return ['end_before_start'];

  return [];
}

function isWeekday(day: number): boolean {
  return isWholeWithin(day, 1, 7);
}

function isWholeWithin(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

function isWithin(
  value: number,
  min: number,
  max: number,
  { exclusiveMin = false }: { exclusiveMin?: boolean } = {},
): boolean {
  if (!Number.isFinite(value) || value > max) return false;

  return exclusiveMin ? value > min : value >= min;
}
