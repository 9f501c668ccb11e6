/**
 * How a person answers questions about when they take a medication, in English or Spanish:
 * reminder times ("8am and 8pm", "9:00 y 21:00", "por la mañana"), how often ("twice a
 * day", "cada 8 horas", "as needed"), a cycle ("14 days on, 7 off", "21/7") and dates
 * ("today", "mañana", "2027-03-01", "March 3", "3 de marzo", "for 10 days").
 */
import { addDays, isLocalDate } from '../../src/medications/schedule/local-time.js';
import type { Cycle } from '../../src/medications/analysis/medical-text-analyzer.js';
import { matchPhrase, normalizeAnswer } from '../shared/text.js';

/** What an answer about when says: times, a count per day, an interval, or as needed. */
export type WhenAnswer =
  | { kind: 'times'; timesOfDay: string[] }
  | { kind: 'perDay'; timesPerDay: number }
  | { kind: 'interval'; everyHours: number }
  | { kind: 'asNeeded' };

// Named parts of the day, at the times the reminders use for them.
const NAMED_TIMES: Record<string, string> = {
  morning: '08:00',
  'every morning': '08:00',
  'in the morning': '08:00',
  breakfast: '08:00',
  'with breakfast': '08:00',
  noon: '12:00',
  midday: '12:00',
  lunch: '13:00',
  'with lunch': '13:00',
  afternoon: '15:00',
  'in the afternoon': '15:00',
  evening: '19:00',
  'in the evening': '19:00',
  dinner: '20:00',
  'with dinner': '20:00',
  night: '21:00',
  'at night': '21:00',
  bedtime: '22:00',
  'at bedtime': '22:00',
  'before bed': '22:00',
  manana: '08:00',
  'por la manana': '08:00',
  'cada manana': '08:00',
  'en la manana': '08:00',
  desayuno: '08:00',
  'con el desayuno': '08:00',
  mediodia: '12:00',
  comida: '14:00',
  'con la comida': '14:00',
  tarde: '16:00',
  'por la tarde': '16:00',
  cena: '21:00',
  'con la cena': '21:00',
  noche: '21:00',
  'por la noche': '21:00',
  'cada noche': '21:00',
  'antes de dormir': '22:00',
  'al acostarme': '22:00',
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

const COUNT_WORDS: Record<string, number> = {
  once: 1,
  twice: 2,
  thrice: 3,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
};

const MONTHS: Record<string, number> = {
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  may: 5,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
  enero: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
};

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

function parseOneTime(part: string): string | undefined {
  const named = NAMED_TIMES[part];
  if (named) return named;

  const match = CLOCK_TIME.exec(part.replace(TIME_PREFIXES, ''));
  if (!match) return undefined;
  const hour = toTwentyFourHour(Number(match[1]), match[3]);
  const minute = Number(match[2] ?? 0);
  if (hour === undefined || minute > 59) return undefined;
  return `${pad(hour)}:${pad(minute)}`;
}

function toTwentyFourHour(hour: number, marker: string | undefined): number | undefined {
  if (marker === undefined) return hour <= 23 ? hour : undefined;
  if (hour < 1 || hour > 12) return undefined;

  const afternoon = /^p|tarde|noche/.test(marker);
  // "12 de la noche" is midnight, as "12 am" is.
  if (hour === 12) return afternoon && !marker.includes('noche') ? 12 : 0;
  return afternoon ? hour + 12 : hour;
}

function parseTimesPerDay(normalized: string): number | undefined {
  const match =
    /^(once|twice|thrice|\d|one|two|three|four|five|six)(?: times?)? (?:a|per|each) day$/.exec(
      normalized,
    ) ?? /^(\d|una|dos|tres|cuatro|cinco|seis) (?:vez|veces) (?:al|por|cada) dia$/.exec(normalized);
  if (!match) return undefined;

  return COUNT_WORDS[match[1]!] ?? Number(match[1]);
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

  const month = MONTHS[match[1] ?? match[4] ?? ''];
  const day = Number(match[2] ?? match[3]);
  return month ? `${match[5] ?? year}-${pad(month)}-${pad(day)}` : undefined;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
