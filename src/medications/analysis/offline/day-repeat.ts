/**
 * Reads repeats counted in days, weeks or months rather than within a day: "every other day",
 * "cada 21 días", "every 3 weeks", "weekly", "once a month", "twice a week". Those that fit a
 * cycle become one: given on one day, then off for the rest (every 3 weeks = 1 on, 20 off).
 */
import type { AnalysisLanguage, AnalysisProblem, Cycle } from '../medical-text-analyzer.js';
import { DAYS_PER_MONTH, isPlausibleCycle, toDays } from './cycle-parser.js';
import { COUNT_WORD, parseNumber } from './numbers.js';
import type { TextScan } from './text-scan.js';

/** A repeat across days; `timesPerWeek` is set for "twice a week" and the like. */
export interface DayRepeat {
  cycle?: Cycle;
  timesPerWeek?: number;
  problem?: AnalysisProblem;
}

const COUNT = String.raw`(\d+|${COUNT_WORD}|other|second|otro)`;
const EVERY_OTHER_DAY =
  /\b(?:every\s+(?:other|second|2nd)\s+day|(?:on\s+)?alternate\s+days|un\s+dia\s+si\s*(?:,|y)?\s*(?:un\s+dia\s+|otro\s+)?no|dia\s+por\s+medio|(?:en\s+)?dias\s+alternos|q\.?o\.?d)\b\.?/g;
const EVERY_SPAN = new RegExp(
  String.raw`\b(?:every|each|cada|q)\s*${COUNT}?\s*(days?|dias?|weeks?|wks?|semanas?|months?|mes(?:es)?)\b`,
  'g',
);
const WEEKLY =
  /\b(?:weekly|once\s+(?:a|per|every)\s+week|(?:una\s+vez\s+)?(?:a|por|cada)\s+(?:la\s+)?semana|semanal(?:mente)?|a\s+week)\b/g;
const MONTHLY =
  /\b(?:monthly|once\s+(?:a|per|every)\s+month|(?:una\s+vez\s+)?al\s+mes|mensual(?:mente)?|a\s+month)\b/g;
// English "once" comes before the count words, where it is the Spanish eleven.
const WEEKLY_COUNT_WORDS: Readonly<Record<string, number>> = { once: 1, twice: 2, thrice: 3 };
const TIMES_PER_WEEK = new RegExp(
  String.raw`\b(once|twice|thrice|\d+|${COUNT_WORD})\s*(?:x|times?|veces|vez)?\s*(?:a|per|each|every|\/|por|a\s+la|cada|por\s+la|la|al)\s*(?:week|wk|semana)\b`,
  'g',
);

/** Reads the first repeat across days in `scan`, taking its words. */
export function readDayRepeat(scan: TextScan, language: AnalysisLanguage): DayRepeat | undefined {
  if (scan.take(EVERY_OTHER_DAY)) return { cycle: { daysOn: 1, daysOff: 1 } };

  return (
    readTimesPerWeek(scan, language) ??
    readEverySpan(scan, language) ??
    (scan.take(WEEKLY) ? repeatEvery(7) : undefined) ??
    (scan.take(MONTHLY) ? repeatEvery(DAYS_PER_MONTH) : undefined)
  );
}

function readTimesPerWeek(scan: TextScan, language: AnalysisLanguage): DayRepeat | undefined {
  const match = scan.take(TIMES_PER_WEEK);
  if (!match) return undefined;

  const written = match.groups[1] ?? '';
  const times = WEEKLY_COUNT_WORDS[written] ?? parseNumber(written, language);
  if (times === undefined) return undefined;

  return times === 1 ? repeatEvery(7) : { timesPerWeek: times };
}

function readEverySpan(scan: TextScan, language: AnalysisLanguage): DayRepeat | undefined {
  const match = scan.take(EVERY_SPAN);
  if (!match) return undefined;

  const [, written, span] = match.groups;
  const count =
    written === undefined ? '1' : /^(?:other|second|otro)$/.test(written) ? '2' : written;
  const days = toDays(count, span, language);
  if (days === undefined) return undefined;
  if (days === 0) return { problem: 'zero_interval' };
  // "every day" is daily, not a cycle.
  if (days === 1) return { cycle: undefined };

  return repeatEvery(days);
}

function repeatEvery(days: number): DayRepeat {
  const cycle = { daysOn: 1, daysOff: days - 1 };
  return isPlausibleCycle(cycle) ? { cycle } : { cycle, problem: 'cycle_implausible' };
}
