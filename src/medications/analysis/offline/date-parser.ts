/**
 * Reads when a medication starts and stops: "starting Monday", "from 2027-01-05", "until
 * March 3", "del 5 de enero al 3 de marzo", and durations ("for 5 days", "durante 10 días").
 * Dates need a marker word ("from", "until", "desde", "hasta"…) so that "1/2 tablet" is never a
 * date. Relative dates resolve against `today`, in the person's calendar.
 */
import type { AnalysisLanguage } from '../medical-text-analyzer.js';
import { addDays } from './calendar-date.js';
import { MONTH, WEEKDAY_FULL } from './calendar-words.js';
import { DAYS_PER_MONTH } from './cycle-parser.js';
import { resolveDate, type DateDirection } from './date-resolution.js';
import { COUNT_WORD, parseNumber } from './numbers.js';
import type { TextScan } from './text-scan.js';

export interface DateReading {
  startDate?: string;
  endDate?: string;
  durationDays?: number;
}

/** Days in a year when a duration is given in years ("for 5 years" of tamoxifen). */
const DAYS_PER_YEAR = 365;
const ORDINAL = String.raw`(?:st|nd|rd|th|o)?`;
const DATE = [
  String.raw`\d{4}-\d{1,2}-\d{1,2}`,
  String.raw`\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?`,
  String.raw`${MONTH}\s*\d{1,2}${ORDINAL}\b(?:,?\s+\d{4})?`,
  String.raw`\d{1,2}${ORDINAL}\s+(?:of\s+|de\s+)?${MONTH}(?:,?\s+(?:de(?:l)?\s+)?\d{4})?`,
  String.raw`(?:(?:next|this|coming|el\s+proximo|el\s+siguiente|este|el)\s+)?${WEEKDAY_FULL}(?:\s+(?:que\s+viene|proximo))?`,
  String.raw`\b(?:today|tomorrow|yesterday|tonight|hoy|ayer|pasado\s+manana|manana|esta\s+noche)\b`,
  String.raw`\b(?:next\s+week|la\s+(?:semana\s+que\s+viene|proxima\s+semana))\b`,
  String.raw`\b(?:in|en|dentro\s+de)\s+(?:\d+|${COUNT_WORD})\s+(?:days?|dias?|weeks?|semanas?)\b`,
  String.raw`(?:the\s+|el\s+(?:dia\s+)?)\d{1,2}${ORDINAL}\b`,
].join('|');

const START = String.raw`\b(?:start(?:ing|s|ed)?(?:\s+(?:it|them|taking\s+it))?(?:\s+(?:on|from))?|beginning(?:\s+on)?|begin(?:s|ning)?(?:\s+on)?|from|since|as\s+of|effective|desde(?:\s+el)?|a\s+partir\s+(?:de(?:l)?)?|empezando(?:\s+el)?|empiezo(?:\s+el)?|empece(?:\s+el)?|comenzando(?:\s+el)?|comienzo(?:\s+el)?|inicio(?:\s+el)?|del)`;
const END = String.raw`\b(?:until|till|til|through|thru|up\s+to|ending(?:\s+on)?|ends?(?:\s+on)?|stop(?:ping)?(?:\s+on)?|finish(?:ing)?(?:\s+on)?|hasta(?:\s+el)?|terminando(?:\s+el)?|termina(?:\s+el)?|acaba(?:\s+el)?)`;
const RANGE_JOIN = String.raw`(?:to|al|-|until|till|through|thru|hasta(?:\s+el)?)`;

const RANGE = new RegExp(String.raw`${START}\s+(${DATE})\s*${RANGE_JOIN}\s*(${DATE})`, 'g');
const START_DATE = new RegExp(String.raw`${START}\s+(${DATE})`, 'g');
const END_DATE = new RegExp(String.raw`${END}\s+(${DATE})`, 'g');

const SPAN = String.raw`(days?|dias?|d|weeks?|wks?|semanas?|months?|mes(?:es)?|years?|yrs?|anos?)`;
const DURATION = new RegExp(
  String.raw`\b(?:for|during|over|x|durante|por)\s*(?:(?:the\s+)?next\s+|another\s+|(?:los\s+)?(?:proximos|siguientes)\s+|otros?\s+|a\s+total\s+of\s+)?(\d+|${COUNT_WORD}|\ban?\b)\s*(?:more\s+|mas\s+)?${SPAN}\b`,
  'g',
);
const COURSE = new RegExp(
  String.raw`\b(\d+)[\s-]*(days?|dias?|weeks?|semanas?)\s+(?:course|treatment|de\s+tratamiento)\b|\b(?:curso|tratamiento|ciclo)\s+de\s+(\d+)\s+(dias|semanas)\b`,
  'g',
);

/**
 * Reads start and end dates and any duration from `scan`, taking their words.
 * @param today the person's date, yyyy-mm-dd
 */
export function readDates(scan: TextScan, today: string, language: AnalysisLanguage): DateReading {
  const reading: DateReading = {};
  readRange(scan, today, language, reading);
  reading.startDate ??= readOne(scan, START_DATE, { today, language, direction: 'start' });
  reading.endDate ??= readOne(scan, END_DATE, {
    today: reading.startDate ?? today,
    language,
    direction: 'end',
  });
  reading.durationDays = readDuration(scan, language);

  if (reading.startDate && reading.durationDays && !reading.endDate) {
    reading.endDate = addDays(reading.startDate, reading.durationDays - 1);
  }
  return withoutUndefined(reading);
}

function readRange(
  scan: TextScan,
  today: string,
  language: AnalysisLanguage,
  reading: DateReading,
): void {
  const match = scan.take(RANGE);
  if (!match) return;

  const [, from = '', to = ''] = match.groups;
  reading.startDate = resolveDate(from, {
    today,
    language,
    direction: 'start',
    marker: match.groups[0],
  });
  reading.endDate = resolveDate(to, {
    today: reading.startDate ?? today,
    language,
    direction: 'end',
  });
}

function readOne(
  scan: TextScan,
  pattern: RegExp,
  context: { today: string; language: AnalysisLanguage; direction: DateDirection },
): string | undefined {
  const match = scan.take(pattern);
  if (!match) return undefined;

  return resolveDate(match.groups[1] ?? '', { ...context, marker: match.groups[0] });
}

function readDuration(scan: TextScan, language: AnalysisLanguage): number | undefined {
  const match = scan.take(DURATION) ?? scan.take(COURSE);
  if (!match) return undefined;

  const [, count, span, courseCount, courseSpan] = match.groups;
  const value = parseNumber(count ?? courseCount ?? '', language);
  if (value === undefined || value <= 0) return undefined;

  return Math.round(value * daysPerSpan(span ?? courseSpan ?? 'days'));
}

function daysPerSpan(span: string): number {
  if (/^(?:y|ano)/.test(span)) return DAYS_PER_YEAR;
  if (/^(?:w|s)/.test(span)) return 7;
  if (/^m/.test(span)) return DAYS_PER_MONTH;

  return 1;
}

function withoutUndefined(reading: DateReading): DateReading {
  return Object.fromEntries(
    Object.entries(reading).filter(([, value]) => value !== undefined),
  ) as DateReading;
}
