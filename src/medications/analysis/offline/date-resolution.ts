/**
 * Turns one date expression the date parser found ("monday", "march 3", "5 de enero",
 * "05/01/2027", "tomorrow", "the 15th") into an ISO date. Without a year, an end date is the
 * next such day on or after the reference; a start date is the nearest such day, since a person
 * may say when they started ("since January 5") as well as when they will.
 */
import type { AnalysisLanguage } from '../medical-text-analyzer.js';
import { addDays, dateParts, daysBetween, isoDate, weekdayOf } from './calendar-date.js';
import { monthNumber, weekdayNumber } from './calendar-words.js';
import { parseNumber } from './numbers.js';

export type DateDirection = 'start' | 'end';

export interface DateContext {
  /** The reference date, yyyy-mm-dd: today, or the start date for an end date. */
  today: string;
  language: AnalysisLanguage;
  direction: DateDirection;
  /** The words before the date ("since", "starting next"), which can move it. */
  marker?: string;
}

type Resolver = (parts: RegExpExecArray, context: DateContext) => string | undefined;

const RESOLVERS: ReadonlyArray<readonly [RegExp, Resolver]> = [
  [/^(\d{4})-(\d{1,2})-(\d{1,2})$/, (p) => isoDate(Number(p[1]), Number(p[2]), Number(p[3]))],
  [/^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{2,4}))?$/, resolveNumeric],
  [/^(\p{L}+)\.?\s*(\d{1,2})(?:st|nd|rd|th|o)?,?(?:\s+(\d{4}))?$/u, resolveMonthFirst],
  [
    /^(\d{1,2})(?:st|nd|rd|th|o)?\s+(?:of\s+|de\s+)?(\p{L}+)\.?(?:,?\s+(?:del?\s+)?(\d{4}))?$/u,
    (p, c) => resolveMonthDay(monthNumber(p[2] ?? ''), Number(p[1]), p[3], c),
  ],
  [/^(?:(.+?)\s+)?(\p{L}+)(?:\s+(que viene|proximo))?$/u, resolveWeekday],
  [/^(.+)$/, resolveRelative],
  [/^(?:in|en|dentro de)\s+(\S+)\s+(\p{L}+)$/u, resolveInSpan],
  [/^(?:the\s+|el\s+(?:dia\s+)?)(\d{1,2})(?:st|nd|rd|th|o)?$/, resolveDayOfMonth],
];

const RELATIVE_DAYS: Readonly<Record<string, number>> = {
  today: 0,
  tonight: 0,
  hoy: 0,
  'esta noche': 0,
  tomorrow: 1,
  manana: 1,
  'pasado manana': 2,
  yesterday: -1,
  ayer: -1,
};

/** The ISO date `expression` names; undefined when it names none or an impossible one. */
export function resolveDate(expression: string, context: DateContext): string | undefined {
  const text = expression.trim().replace(/\s+/g, ' ');
  for (const [pattern, resolve] of RESOLVERS) {
    const parts = pattern.exec(text);
    const resolved = parts && resolve(parts, context);
    if (resolved) return resolved;
  }
  return undefined;
}

function resolveNumeric(parts: RegExpExecArray, context: DateContext): string | undefined {
  const first = Number(parts[1]);
  const second = Number(parts[2]);
  // English writes month/day, Spanish day/month; a number over 12 settles it either way.
  const dayFirst = first > 12 || (second <= 12 && context.language === 'es');
  const [day, month] = dayFirst ? [first, second] : [second, first];
  return resolveMonthDay(month, day, parts[3], context);
}

function resolveMonthFirst(parts: RegExpExecArray, context: DateContext): string | undefined {
  return resolveMonthDay(monthNumber(parts[1] ?? ''), Number(parts[2]), parts[3], context);
}

function resolveMonthDay(
  month: number | undefined,
  day: number,
  year: string | undefined,
  context: DateContext,
): string | undefined {
  if (month === undefined) return undefined;
  if (year) return isoDate(fullYear(year), month, day);

  const { year: thisYear } = dateParts(context.today);
  const candidates = [thisYear - 1, thisYear, thisYear + 1]
    .map((y) => isoDate(y, month, day))
    .filter((date): date is string => date !== undefined);
  return pickCandidate(candidates, context);
}

function resolveDayOfMonth(parts: RegExpExecArray, context: DateContext): string | undefined {
  const day = Number(parts[1]);
  const { year, month } = dateParts(context.today);
  const candidates = [-1, 0, 1]
    .map((offset) => new Date(Date.UTC(year, month - 1 + offset, 1)))
    .map((first) => isoDate(first.getUTCFullYear(), first.getUTCMonth() + 1, day))
    .filter((date): date is string => date !== undefined);
  return pickCandidate(candidates, context);
}

/** Nearest candidate for a start ("since" only looks back); first on or after today for an end. */
function pickCandidate(candidates: readonly string[], context: DateContext): string | undefined {
  if (context.direction === 'end') {
    return candidates.find((date) => daysBetween(context.today, date) >= 0);
  }
  if (isLookingBack(context)) {
    return candidates.filter((date) => daysBetween(context.today, date) <= 0).at(-1);
  }
  const distance = (date: string) => Math.abs(daysBetween(context.today, date));
  return [...candidates].sort((a, b) => distance(a) - distance(b))[0];
}

function resolveWeekday(parts: RegExpExecArray, context: DateContext): string | undefined {
  const weekday = weekdayNumber(parts[2] ?? '');
  if (weekday === undefined) return undefined;

  const qualifier = `${parts[1] ?? ''} ${parts[3] ?? ''}`;
  const strictlyAfter = /\b(?:next|coming|proximo|siguiente|que viene)\b/.test(qualifier);
  if (isLookingBack(context)) {
    return addDays(context.today, -((weekdayOf(context.today) - weekday + 7) % 7));
  }
  const ahead = (weekday - weekdayOf(context.today) + 7) % 7;
  return addDays(context.today, ahead === 0 && strictlyAfter ? 7 : ahead);
}

function resolveRelative(parts: RegExpExecArray, context: DateContext): string | undefined {
  const text = parts[1] ?? '';
  if (/^(?:next week|la semana que viene|la proxima semana)$/.test(text)) {
    return addDays(context.today, 8 - weekdayOf(context.today));
  }
  const offset = RELATIVE_DAYS[text];
  return offset === undefined ? undefined : addDays(context.today, offset);
}

function resolveInSpan(parts: RegExpExecArray, context: DateContext): string | undefined {
  const count = parseNumber(parts[1] ?? '', context.language);
  if (count === undefined) return undefined;

  const perSpan = /^(?:w|s)/.test(parts[2] ?? '') ? 7 : 1;
  return addDays(context.today, count * perSpan);
}

function isLookingBack(context: DateContext): boolean {
  return /\bsince\b/.test(context.marker ?? '');
}

function fullYear(year: string): number {
  return year.length === 2 ? 2000 + Number(year) : Number(year);
}
