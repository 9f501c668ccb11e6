/**
 * Reads how often a medication is taken, in English and Spanish: counts ("twice a day", "bid",
 * "tres veces al día"), intervals ("every 8 hours", "q8h", "cada 8 horas"), times of day (see
 * `times-of-day.ts`), weekdays ("weekly on Mondays", "cada lunes") and the Spanish "1-0-1"
 * (breakfast-lunch-dinner). Day-based repeats that a `Frequency` cannot hold become a cycle:
 * "every other day" is 1 day on and 1 off, "every 3 weeks" 1 day on and 20 off, "weekly" with
 * no day named 1 on and 6 off.
 *
 * Runs after the date parser has taken "starting Monday", so weekdays left are a schedule.
 */
import type {
  AnalysisLanguage,
  AnalysisProblem,
  Cycle,
  Frequency,
} from '../medical-text-analyzer.js';
import { readDaysOfWeek } from './days-of-week.js';
import { readDayRepeat, type DayRepeat } from './day-repeat.js';
import { COUNT_WORD, parseNumber } from './numbers.js';
import type { ScanMatch, TextScan } from './text-scan.js';
import { PART_OF_DAY_TIMES, readTimesOfDay, toClockTime } from './times-of-day.js';

/** Most doses a day before a schedule is implausible. */
export const MAX_TIMES_PER_DAY = 6;
/** Shortest plausible interval between doses, in hours. */
export const MIN_INTERVAL_HOURS = 1;

export interface FrequencyReading {
  frequency?: Frequency;
  /** A day-based repeat ("every other day", "every 3 weeks") as days on and off. */
  cycle?: Cycle;
  problems: AnalysisProblem[];
}

const NUMBER_GROUP = String.raw`(\d+(?:[.,]\d+)?|${COUNT_WORD})`;
const INTERVAL_HOURS = new RegExp(
  String.raw`\b(?:every|each|cada|c/)\s*${NUMBER_GROUP}?\s*(?:h|hr|hrs|hours?|horas?|hs)\b|\bq\s*(\d+)\s*(?:h|hr|hrs|hours?)\b`,
  'g',
);
const INTERVAL_MINUTES = new RegExp(
  String.raw`\b(?:every|each|cada)\s*${NUMBER_GROUP}?\s*(?:min|mins|minutes?|minutos?)\b`,
  'g',
);
const NAMED_COUNTS: ReadonlyArray<readonly [RegExp, number]> = [
  [
    /\bonce\s*(?:a|per|each|every|\/)?\s*(?:day|daily)\b|\bonce\s+(?=(?:in\s+the|at|every|each)\b)/g,
    1,
  ],
  [/\btwice\b(?:\s*(?:a|per|each|every|\/)?\s*(?:day|daily)\b)?/g, 2],
  [/\bthrice\b(?:\s*(?:a|per|each|every|\/)?\s*(?:day|daily)\b)?/g, 3],
  [/\b(?:q\.?d|o\.?d)\b\.?/g, 1],
  [/\b(?:b\.?i\.?d|b\.?d)\b\.?/g, 2],
  [/\b(?:t\.?i\.?d|t\.?d\.?s)\b\.?/g, 3],
  [/\b(?:q\.?i\.?d|q\.?d\.?s)\b\.?/g, 4],
];
const PER_DAY = String.raw`\s*(?:a|per|each|every|\/|al|por|cada|en\s+el)?\s*(?:day|daily|dia|d)(?![\p{L}])`;
// "3 times", "dos veces al día"; a bare "x" needs the day ("3x/day"), as "2 x 500 mg" is a dose.
const TIMES_PER_DAY = [
  new RegExp(
    String.raw`(?<![\p{L}\p{N}])${NUMBER_GROUP}\s*(?:times?|veces|vez|tomas)(?:${PER_DAY})?`,
    'gu',
  ),
  new RegExp(String.raw`(?<![\p{L}\p{N}])${NUMBER_GROUP}\s*x${PER_DAY}`, 'gu'),
];
const DAILY =
  /\b(?:once\s+)?daily\b|\beveryday\b|\b(?:every|each|a|per|al|por|cada)\s+(?:day|dia)\b|\/\s*(?:day|dia|d)\b|\btodos\s+los\s+dias\b|\b(?:a\s+)?diari(?:o|a|amente)\b|\bal\s+dia\b/g;
const ONE_NIL_ONE =
  /(?<![\p{N}./-])([0-4](?:[.,]5)?|1\/2)-([0-4](?:[.,]5)?|1\/2)-([0-4](?:[.,]5)?|1\/2)(?![\p{N}/-])/u;
// The slots of "1-0-1": breakfast, lunch and dinner.
const MEAL_SLOTS = [
  PART_OF_DAY_TIMES.breakfast,
  PART_OF_DAY_TIMES.lunch,
  PART_OF_DAY_TIMES.dinner,
] as const;

interface FrequencyParts {
  timesPerDay?: number;
  everyHours?: number;
  timesOfDay: string[];
  daysOfWeek: number[];
  daily: boolean;
  repeat?: DayRepeat;
  problems: AnalysisProblem[];
}

/** Reads the schedule in `scan`, taking its words. */
export function readFrequency(scan: TextScan, language: AnalysisLanguage): FrequencyReading {
  const parts: FrequencyParts = { timesOfDay: [], daysOfWeek: [], daily: false, problems: [] };
  readOneNilOne(scan, parts);
  readInterval(scan, language, parts);
  parts.repeat = readDayRepeat(scan, language);
  readCounts(scan, language, parts);
  parts.timesOfDay = [...new Set([...parts.timesOfDay, ...readTimesOfDay(scan)])].sort();
  parts.daysOfWeek = readDaysOfWeek(scan);
  parts.daily = scan.takeAll(DAILY).length > 0;

  return assemble(parts);
}

function readOneNilOne(scan: TextScan, parts: FrequencyParts): void {
  const match = scan.take(ONE_NIL_ONE);
  if (!match) return;

  parts.timesOfDay = MEAL_SLOTS.filter(
    (_, slot) => (parseNumber(match.groups[slot + 1] ?? '', 'es') ?? 0) > 0,
  );
}

function readInterval(scan: TextScan, language: AnalysisLanguage, parts: FrequencyParts): void {
  const hours = scan.take(INTERVAL_HOURS);
  const minutes = hours ? undefined : scan.take(INTERVAL_MINUTES);
  const match = hours ?? minutes;
  if (!match) return;

  const written = match.groups[1] ?? match.groups[2];
  const count = written === undefined ? 1 : parseNumber(written, language);
  if (count === undefined) return;

  parts.everyHours = hours ? count : count / 60;
  if (parts.everyHours === 0) parts.problems.push('zero_interval');
  else if (parts.everyHours < MIN_INTERVAL_HOURS) parts.problems.push('interval_too_short');
}

function readCounts(scan: TextScan, language: AnalysisLanguage, parts: FrequencyParts): void {
  for (const [pattern, count] of NAMED_COUNTS) {
    if (scan.takeAll(pattern).length > 0) parts.timesPerDay ??= count;
  }
  let counted: ScanMatch | undefined;
  for (const pattern of TIMES_PER_DAY) counted ??= scan.take(pattern);
  const count = counted ? parseNumber(counted.groups[1] ?? '', language) : undefined;
  if (count !== undefined) parts.timesPerDay ??= count;
}

function assemble(parts: FrequencyParts): FrequencyReading {
  const problems = [...parts.problems];
  const cycle = parts.daysOfWeek.length > 0 ? undefined : parts.repeat?.cycle;
  if (parts.repeat?.problem) problems.push(parts.repeat.problem);

  const frequency = toFrequency(parts);
  const timesPerDay = frequency?.timesPerDay ?? 0;
  if (timesPerDay > MAX_TIMES_PER_DAY) problems.push('too_many_times');

  return { ...(frequency && { frequency }), ...(cycle && { cycle }), problems };
}

function toFrequency(parts: FrequencyParts): Frequency | undefined {
  const { timesOfDay, everyHours } = parts;
  if (everyHours !== undefined) {
    return fromInterval(everyHours, timesOfDay, parts.problems.length > 0);
  }

  // TODO: a Frequency cannot hold "twice a week" with no weekdays named; the dialog asks for
  // the days. Add `timesPerWeek` to the interface if reminders ever need it unasked.
  if ((parts.repeat?.timesPerWeek ?? 0) > 1 && parts.daysOfWeek.length === 0) return undefined;

  const named = timesOfDay.length > 0 ? { timesOfDay } : {};
  const anySchedule = parts.daily || parts.repeat !== undefined || parts.daysOfWeek.length > 0;
  const timesPerDay = Math.max(parts.timesPerDay ?? 0, timesOfDay.length, anySchedule ? 1 : 0);
  if (timesPerDay === 0) return undefined;
  if (parts.daysOfWeek.length > 0) return { timesPerDay, ...named, daysOfWeek: parts.daysOfWeek };

  return { timesPerDay, ...named };
}

/**
 * An interval that divides the day, with a first time named ("every 8 hours from 6am"), is
 * turned into times of day; otherwise it stays an interval.
 */
function fromInterval(
  everyHours: number,
  timesOfDay: readonly string[],
  implausible: boolean,
): Frequency {
  const dosesPerDay = 24 / everyHours;
  const first = timesOfDay[0];
  if (implausible || !first || !Number.isInteger(dosesPerDay) || dosesPerDay > MAX_TIMES_PER_DAY) {
    return { everyHours };
  }

  const [hours = 0, minutes = 0] = first.split(':').map(Number);
  const times = Array.from({ length: dosesPerDay }, (_, dose) =>
    toClockTime(`${(hours + dose * everyHours) % 24}:${String(minutes).padStart(2, '0')}`),
  );
  return {
    timesPerDay: dosesPerDay,
    timesOfDay: times.filter((time): time is string => !!time).sort(),
  };
}
