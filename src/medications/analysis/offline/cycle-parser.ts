/**
 * Reads treatment cycles: "2 weeks on 1 week off", "14 days on, 7 off", "for 14 days then 7
 * days off", "days 1-14 of a 21-day cycle", "for 5 days every 28 days", "3 semanas sí y 1 no",
 * "14 días sí, 7 días de descanso". Runs before the date parser, so "for 14 days" inside a
 * cycle is not a duration.
 */
import type { AnalysisLanguage, AnalysisProblem, Cycle } from '../medical-text-analyzer.js';
import { COUNT_WORD, parseNumber } from './numbers.js';
import type { TextScan } from './text-scan.js';

/** Longest cycle, in days on plus days off, that is plausible for a treatment. */
export const MAX_CYCLE_DAYS = 180;
/** Days in a month when a cycle or duration is given in months. */
export const DAYS_PER_MONTH = 30;

export interface CycleReading {
  cycle?: Cycle;
  problems: AnalysisProblem[];
}

const COUNT = String.raw`(\d+|${COUNT_WORD}|\ban?\b)`;
const SPAN = String.raw`(days?|dias?|d|weeks?|wks?|semanas?|months?|mes(?:es)?)`;
const ON = String.raw`(?:on|si|of\s+treatment|de\s+tratamiento|de\s+toma|tomando(?:l[oa]s?)?|taking(?:\s+it)?)`;
const OFF = String.raw`(?:off|no|of\s+rest|of\s+break|rest|break|de\s+descanso|descanso|de\s+pausa|pausa|sin\s+tomar|libres?)`;
const JOIN = String.raw`[\s,;/+-]*(?:(?:and\s+then|and|then|followed\s+by|y\s+luego|y|luego|despues|seguidos?\s+de)[\s,;/+-]+)?`;

// "2 weeks on 1 week off", "14 on, 7 off", "3 semanas si y 1 no".
const ON_OFF = new RegExp(
  String.raw`(?:\b(?:for|durante)\s+)?\b${COUNT}\s*${SPAN}?\s+${ON}\b${JOIN}${COUNT}\s*${SPAN}?\s+${OFF}\b`,
  'g',
);
// "for 14 days, then 7 days off", "14 dias y luego 7 de descanso", "then a week off".
const THEN_OFF = new RegExp(
  String.raw`(?:\b(?:for|durante|por)\s+)?\b${COUNT}\s*${SPAN}\s*[,;]?\s*(?:and\s+then|then|followed\s+by|y\s+luego|luego|despues|y)\s+(?:(?:a|an|una?)\s+)?(?:${COUNT}[\s-]*${SPAN}?|${SPAN})\s+${OFF}\b`,
  'g',
);
// "days 1-14 of a 21-day cycle", "dias 1 a 14 de cada ciclo de 21 dias", "days 1-14 every 21 days".
const DAYS_OF_CYCLE = new RegExp(
  String.raw`\b(?:on\s+)?(?:days?|dias?|del\s+dia)\s+1\s*(?:-|to|through|thru|a|al|hasta(?:\s+el)?)\s*(\d+)\s*,?\s*(?:of|in|de|every|each|cada)?\s*(?:a|an|each|every|cada|un|el)?\s*(?:(\d+)[\s-]*(?:days?|dias?)(?:[\s-]*(?:cycles?|ciclos?))?|(?:cycles?|ciclos?)\s+(?:of|de)\s+(\d+)\s*(?:days?|dias?))`,
  'g',
);

// "for 5 days every 28 days", "5 días cada 28 días", "7 days out of 21".
const DAYS_EVERY_PERIOD = new RegExp(
  String.raw`(?:\b(?:for|durante)\s+)?\b${COUNT}\s*${SPAN}\s*,?\s*(?:(?:out\s+)?of\s+(?:a\s+|each\s+|every\s+)?|every\s+|each\s+|(?:de\s+)?cada\s+)${COUNT}[\s-]*${SPAN}(?:[\s-]*(?:cycles?|ciclos?))?`,
  'g',
);

/** Reads the first cycle in `scan` and takes its words. */
export function readCycle(scan: TextScan, language: AnalysisLanguage): CycleReading {
  const cycle =
    readDaysOfCycle(scan) ??
    readOnOff(scan, ON_OFF, language) ??
    readOnOff(scan, THEN_OFF, language) ??
    readDaysEveryPeriod(scan, language);
  if (!cycle) return { problems: [] };

  return { cycle, problems: isPlausibleCycle(cycle) ? [] : ['cycle_implausible'] };
}

/** A cycle is plausible with at least one day on and a total within MAX_CYCLE_DAYS. */
export function isPlausibleCycle(cycle: Cycle): boolean {
  return cycle.daysOn >= 1 && cycle.daysOff >= 0 && cycle.daysOn + cycle.daysOff <= MAX_CYCLE_DAYS;
}

function readOnOff(scan: TextScan, pattern: RegExp, language: AnalysisLanguage): Cycle | undefined {
  const match = scan.take(pattern);
  if (!match) return undefined;

  // THEN_OFF has a fifth group for a span with no count ("then a week off").
  const [, onCount, onSpan, offCount, offSpanAfterCount, offSpanAlone] = match.groups;
  const offSpan = offSpanAfterCount ?? offSpanAlone;
  const daysOn = toDays(onCount ?? '1', onSpan ?? offSpan, language);
  const daysOff = toDays(offCount ?? '1', offSpan ?? onSpan, language);
  if (daysOn === undefined || daysOff === undefined) return undefined;

  return { daysOn, daysOff };
}

function readDaysOfCycle(scan: TextScan): Cycle | undefined {
  const match = scan.take(DAYS_OF_CYCLE);
  if (!match) return undefined;

  const [, lastDay, cycleDays, cycleDaysAfterWord] = match.groups;
  const daysOn = Number(lastDay);
  return { daysOn, daysOff: Number(cycleDays ?? cycleDaysAfterWord) - daysOn };
}

function readDaysEveryPeriod(scan: TextScan, language: AnalysisLanguage): Cycle | undefined {
  const match = scan.take(DAYS_EVERY_PERIOD);
  if (!match) return undefined;

  const [, onCount = '', onSpan, periodCount = '', periodSpan] = match.groups;
  const daysOn = toDays(onCount, onSpan, language);
  const period = toDays(periodCount, periodSpan, language);
  if (daysOn === undefined || period === undefined) return undefined;

  return { daysOn, daysOff: period - daysOn };
}

/** Days in `count` of `span` ("2", "weeks" → 14); a missing span means days. */
export function toDays(
  count: string,
  span: string | undefined,
  language: AnalysisLanguage,
): number | undefined {
  const value = parseNumber(count, language);
  if (value === undefined) return undefined;

  return Math.round(value * daysPerSpan(span));
}

function daysPerSpan(span: string | undefined): number {
  if (!span) return 1;
  if (/^(?:w|s)/.test(span)) return 7;
  if (/^m/.test(span)) return DAYS_PER_MONTH;

  return 1;
}
