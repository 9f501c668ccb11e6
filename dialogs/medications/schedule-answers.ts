/**
 * How a person answers questions about when they take a medication, in English or Spanish:
 * reminder times ("8am and 8pm", "9:00 y 21:00", "por la mañana"), how often ("twice a
 * day", "cada 8 horas", "as needed"), a cycle ("14 days on, 7 off", "21/7") and dates
 * ("today", "mañana", "2027-03-01", "March 3", "3 de marzo", "for 10 days").
 */
import { addDays, isLocalDate } from '../../src/medications/schedule/local-time.js';
import type { Cycle } from '../../src/medications/analysis/medical-text-analyzer.js';
import { monthNumber } from '../../src/medications/analysis/offline/calendar-words.js';
import { parseNumber } from '../../src/medications/analysis/offline/numbers.js';
import {
  PART_OF_DAY_TIMES,
  toClockTime,
} from '../../src/medications/analysis/offline/times-of-day.js';
import { matchPhrase, normalizeAnswer } from '../shared/text.js';

/** What an answer about when says: times, a count per day, an interval, or as needed. */
export type WhenAnswer =
  | { kind: 'times'; timesOfDay: string[] }
  | { kind: 'perDay'; timesPerDay: number }
  | { kind: 'interval'; everyHours: number }
  | { kind: 'asNeeded' };

// Named parts of the day and meals, whole answers, at the times the analyzers give the same
// words in a description.
const NAMED_TIMES: Record<string, string> = {
  morning: PART_OF_DAY_TIMES.morning,
  'every morning': PART_OF_DAY_TIMES.morning,
  'in the morning': PART_OF_DAY_TIMES.morning,
  breakfast: PART_OF_DAY_TIMES.breakfast,
  'with breakfast': PART_OF_DAY_TIMES.breakfast,
  noon: PART_OF_DAY_TIMES.noon,
  midday: PART_OF_DAY_TIMES.noon,
  lunch: PART_OF_DAY_TIMES.lunch,
  'with lunch': PART_OF_DAY_TIMES.lunch,
  afternoon: PART_OF_DAY_TIMES.afternoon,
  'in the afternoon': PART_OF_DAY_TIMES.afternoon,
  evening: PART_OF_DAY_TIMES.evening,
  'in the evening': PART_OF_DAY_TIMES.evening,
  dinner: PART_OF_DAY_TIMES.dinner,
  'with dinner': PART_OF_DAY_TIMES.dinner,
  night: PART_OF_DAY_TIMES.night,
  'at night': PART_OF_DAY_TIMES.night,
  bedtime: PART_OF_DAY_TIMES.bedtime,
  'at bedtime': PART_OF_DAY_TIMES.bedtime,
  'before bed': PART_OF_DAY_TIMES.bedtime,
  manana: PART_OF_DAY_TIMES.morning,
  'por la manana': PART_OF_DAY_TIMES.morning,
  'cada manana': PART_OF_DAY_TIMES.morning,
  'en la manana': PART_OF_DAY_TIMES.morning,
  desayuno: PART_OF_DAY_TIMES.breakfast,
  'con el desayuno': PART_OF_DAY_TIMES.breakfast,
  mediodia: PART_OF_DAY_TIMES.noon,
  comida: PART_OF_DAY_TIMES.lunch,
  'con la comida': PART_OF_DAY_TIMES.lunch,
  almuerzo: PART_OF_DAY_TIMES.lunch,
  'con el almuerzo': PART_OF_DAY_TIMES.lunch,
  tarde: PART_OF_DAY_TIMES.afternoon,
  'por la tarde': PART_OF_DAY_TIMES.afternoon,
  cena: PART_OF_DAY_TIMES.dinner,
  'con la cena': PART_OF_DAY_TIMES.dinner,
  noche: PART_OF_DAY_TIMES.night,
  'por la noche': PART_OF_DAY_TIMES.night,
  'cada noche': PART_OF_DAY_TIMES.night,
  'antes de dormir': PART_OF_DAY_TIMES.bedtime,
  'al acostarme': PART_OF_DAY_TIMES.bedtime,
};

const AS_NEEDED_PHRASES = {
  asNeeded: [
    'when:as-needed',
    'as needed',
    'when needed',
    'only when needed',
    'when i need it',
    'prn',
    'cuando lo necesite',
    'cuando la necesite',
    'solo cuando lo necesite',
    'segun necesidad',
    'a demanda',
  ],
} as const;

// "Once" first: among the analyzer's counts it is the Spanish for eleven.
const REPEAT_WORDS: Record<string, number> = { once: 1, twice: 2, thrice: 3 };

const NO_CYCLE_PHRASES = {
  none: [
    'cycle:none',
    'none',
    'no',
    'no cycle',
    'every day',
    'daily',
    'continuous',
    'ninguno',
    'sin ciclo',
    'todos los dias',
    'diario',
    'continuo',
  ],
} as const;

const NO_END_PHRASES = {
  none: [
    'dates:no-end',
    'no end',
    'no end date',
    'ongoing',
    'none',
    'no',
    'until told otherwise',
    'sin fin',
    'sin fecha de fin',
    'sin fecha',
    'ninguna',
    'indefinido',
  ],
} as const;

const DAY_WORDS = {
  today: ['today', 'hoy', 'dates:today'],
  tomorrow: ['tomorrow', 'manana', 'dates:tomorrow'],
} as const;

const CLOCK_TIME =
  /^(\d{1,2})(?:[:.h](\d{2})|h)?\s*(am|pm|a\.?m|p\.?m|de la manana|de la tarde|de la noche)?$/;
const TIME_PREFIXES = /^(at|a las|a la|around|sobre las|hacia las)\s+/;
const TIME_SEPARATORS = /\s*(?:,|;|&|\+|\band\b|\by\b|\bthen\b)\s*/;

/** The local 'HH:mm' times in `text`, sorted and each once; undefined if any is not a time. */
export function parseTimesOfDay(text: string): string[] | undefined {
  const parts = normalizeAnswer(text)
    .split(TIME_SEPARATORS)
    .map((part) => part.trim().replace(/\.$/, ''))
    .filter((part) => part !== '');
  if (parts.length === 0) return undefined;

  const times = parts.map(parseOneTime);
  if (times.some((time) => time === undefined)) return undefined;
  return [...new Set(times as string[])].sort();
}

/**
 * What an answer to "when do you take it?" says: times, so many times a day, every so many
 * hours, or as needed. Undefined when it says none of these.
 */
export function parseWhen(text: string): WhenAnswer | undefined {
  if (matchPhrase(text, AS_NEEDED_PHRASES)) return { kind: 'asNeeded' };

  const normalized = normalizeAnswer(text);
  const interval = /^(?:every|cada)\s+(\d+)\s*(?:hours?|hrs?|h|horas?)$/.exec(normalized);
  if (interval) return { kind: 'interval', everyHours: Number(interval[1]) };
  const perDay = parseTimesPerDay(normalized);
  if (perDay !== undefined) return { kind: 'perDay', timesPerDay: perDay };

  const timesOfDay = parseTimesOfDay(text);
  return timesOfDay && { kind: 'times', timesOfDay };
}

/**
 * A treatment cycle ("14 days on, 7 off", "21/7", "3 weeks on 1 week off"); `null` for no
 * cycle ("none", "every day"); undefined when it is neither.
 */
export function parseCycle(text: string): Cycle | null | undefined {
  if (matchPhrase(text, NO_CYCLE_PHRASES)) return null;

  const normalized = normalizeAnswer(text);
  const amounts = [...normalized.matchAll(/(\d+)\s*(weeks?|semanas?|wk)?/g)].map(
    ([, count, unit]) => Number(count) * (unit ? 7 : 1),
  );
  if (amounts.length !== 2) return undefined;
  return { daysOn: amounts[0]!, daysOff: amounts[1]! };
}

/**
 * A start date: "today", "tomorrow", '2027-03-01', "3/1" (month first in English, day
 * first in Spanish), "March 3", "3 de marzo" (this year unless one is given). Undefined
 * when it is not a date.
 */
export function parseDate(text: string, today: string, locale: 'en' | 'es'): string | undefined {
  const day = matchPhrase(text, DAY_WORDS);
  if (day) return day === 'today' ? today : addDays(today, 1);

  const normalized = normalizeAnswer(text).replace(/,/g, ' ').replace(/\s+/g, ' ');
  const year = today.slice(0, 4);
  const date =
    isoDate(normalized) ??
    numericDate(normalized, year, locale) ??
    namedMonthDate(normalized, year);
  return date && isLocalDate(date) ? date : undefined;
}

/**
 * An end date: a date as in `parseDate`, or a length counted from `start` ("for 10 days",
 * "durante 2 semanas", day 1 being the start); `null` for no end; undefined otherwise.
 */
export function parseEndDate(
  text: string,
  start: string,
  today: string,
  locale: 'en' | 'es',
): string | null | undefined {
  if (matchPhrase(text, NO_END_PHRASES)) return null;

  const length = /^(?:for|durante)?\s*(\d+)\s*(days?|dias?|weeks?|semanas?)$/.exec(
    normalizeAnswer(text),
  );
  if (length) {
    const days = Number(length[1]) * (/^(week|semana)/.test(length[2]!) ? 7 : 1);
    return days > 0 ? addDays(start, days - 1) : undefined;
  }
  return parseDate(text, today, locale);
}

// A whole answer part must be a clock time ("8", "8:30", "8pm", "8 de la noche"); the
// analyzer's clock reading turns it into 'HH:mm'.
function parseOneTime(part: string): string | undefined {
  const named = NAMED_TIMES[part];
  if (named) return named;

  const clock = part.replace(TIME_PREFIXES, '');
  return CLOCK_TIME.test(clock) ? toClockTime(clock) : undefined;
}

function parseTimesPerDay(normalized: string): number | undefined {
  const match =
    /^(once|twice|thrice|\d|one|two|three|four|five|six)(?: times?)? (?:a|per|each) day$/.exec(
      normalized,
    ) ?? /^(\d|una|dos|tres|cuatro|cinco|seis) (?:vez|veces) (?:al|por|cada) dia$/.exec(normalized);
  if (!match) return undefined;

  // A single digit or a count word up to six reads the same in either language.
  const count = match[1]!;
  return REPEAT_WORDS[count] ?? parseNumber(count, 'en');
}

function isoDate(text: string): string | undefined {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? text : undefined;
}

function numericDate(text: string, year: string, locale: 'en' | 'es'): string | undefined {
  const match = /^(\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?$/.exec(text);
  if (!match) return undefined;

  const [first, second] = [Number(match[1]), Number(match[2])];
  const [month, day] = locale === 'en' ? [first, second] : [second, first];
  return `${match[3] ?? year}-${pad(month)}-${pad(day)}`;
}

function namedMonthDate(text: string, year: string): string | undefined {
  const match = /^(?:([a-z]+) (\d{1,2})|(\d{1,2}) (?:de )?([a-z]+))(?: (?:de )?(\d{4}))?$/.exec(
    text,
  );
  if (!match) return undefined;

  const month = monthNumber(match[1] ?? match[4] ?? '');
  const day = Number(match[2] ?? match[3]);
  return month ? `${match[5] ?? year}-${pad(month)}-${pad(day)}` : undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
