/**
 * Reads the weekdays of a weekly schedule: "on Mondays", "every Monday and Thursday", "cada
 * lunes", "los martes y viernes", "Mon/Wed/Fri", "lunes a viernes", "weekdays", "fines de
 * semana". Short forms ("mon", "sat") count only next to another day or after "on"/"every", so
 * "avoid the sun" is no Sunday.
 */
import { WEEKDAY_ANY, isFullWeekdayName, weekdayNumber } from './calendar-words.js';
import type { TextScan } from './text-scan.js';

const LEAD = String.raw`\b(?:on|every|each|cada|los|el|todos\s+los)\s+`;
const JOIN = String.raw`\s*(?:,|and|y|&|\/|\+|or|o|-|to|through|thru|a|al|hasta(?:\s+el)?)\s*(?:(?:on|los|el)\s+)?`;
const DAY_LIST = new RegExp(String.raw`(${LEAD})?(${WEEKDAY_ANY}(?:${JOIN}${WEEKDAY_ANY})*)`, 'g');
const DAY_WORD = new RegExp(WEEKDAY_ANY, 'g');
const RANGE_JOIN = /^\s*(?:-|to|through|thru|a|al|hasta(?:\s+el)?)\s*$/;
const WEEKDAYS = /\b(?:on\s+)?weekdays\b|\bentre\s+semana\b|\b(?:de\s+)?lunes\s+a\s+viernes\b/g;
const WEEKENDS = /\b(?:on\s+)?(?:the\s+)?weekends?\b|\b(?:los\s+)?fines?\s+de\s+semana\b/g;

/** Reads every weekday named in `scan` (1 = Monday … 7 = Sunday), sorted; takes their words. */
export function readDaysOfWeek(scan: TextScan): number[] {
  const days = new Set<number>();
  if (scan.takeAll(WEEKDAYS).length > 0) [1, 2, 3, 4, 5].forEach((day) => days.add(day));
  if (scan.takeAll(WEEKENDS).length > 0) [6, 7].forEach((day) => days.add(day));

  for (const match of [...scan.text.matchAll(DAY_LIST)]) {
    const listed = readDayList(match[2] ?? '', match[1] !== undefined);
    if (listed.length === 0) continue;

    listed.forEach((day) => days.add(day));
    scan.blank(match.index ?? 0, (match.index ?? 0) + match[0].length);
  }
  return [...days].sort((a, b) => a - b);
}

function readDayList(list: string, hasLead: boolean): number[] {
  const words = [...list.matchAll(DAY_WORD)];
  const trusted = hasLead || words.length > 1 || words.some((word) => isFullWeekdayName(word[0]));
  if (!trusted) return [];

  const days: number[] = [];
  words.forEach((word, index) => {
    const day = weekdayNumber(word[0]);
    const previous = words[index - 1];
    if (day === undefined) return;

    const joiner = previous
      ? list.slice((previous.index ?? 0) + previous[0].length, word.index)
      : '';
    const from = previous && RANGE_JOIN.test(joiner) ? weekdayNumber(previous[0]) : undefined;
    days.push(...(from === undefined ? [day] : dayRange(from, day)));
  });
  return days;
}

function dayRange(from: number, to: number): number[] {
  const length = ((to - from + 7) % 7) + 1;
  return Array.from({ length }, (_, step) => ((from - 1 + step) % 7) + 1);
}
