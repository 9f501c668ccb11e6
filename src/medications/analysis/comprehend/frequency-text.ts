/**
 * A minimal reader for the FREQUENCY texts Comprehend Medical returns (“twice a day”,
 * “every 8 hours”, “every morning”, “as needed”). It knows the common English phrasings only
 * and says nothing rather than guess: weekly and every-other-day schedules are left to the
 * injected details parser, because reading “once a week” as daily would be worse than asking.
 */
import type { AnalysisProblem, Frequency } from '../medical-text-analyzer.js';
import { COUNT_PATTERN, readCount } from './count-words.js';
import { PART_OF_DAY_TIMES } from '../offline/times-of-day.js';

/** The interface allows 1-6 times a day. */
const MAX_TIMES_PER_DAY = 6;
/** Shorter intervals than this mean more than MAX_TIMES_PER_DAY doses a day. */
const MIN_INTERVAL_HOURS = 24 / MAX_TIMES_PER_DAY;

/** What the frequency text says; `frequency` is left out when it cannot be saved as read. */
export interface FrequencyReading {
  frequency?: Frequency;
  asNeeded: boolean;
  problems: AnalysisProblem[];
}

const AS_NEEDED = /\b(as needed|when needed|if needed|as required|prn|p\.r\.n)\b/;
const NOT_DAILY = new RegExp(
  [
    '\\b(weekly|monthly|fortnightly|other day)\\b',
    '\\b(a|per|each|every|this|next) (week|month|fortnight)\\b',
    '\\b(mon|tues|wednes|thurs|fri|satur|sun)days?\\b',
    '\\bevery \\S+ (days|weeks|months)\\b',
  ].join('|'),
);
const INTERVAL = new RegExp(`\\b(?:every|each|q)\\s*(${COUNT_PATTERN})?\\s*(?:h|hrs?|hours?)\\b`);
const TIMES_A_DAY = new RegExp(
  `\\b(${COUNT_PATTERN})\\s*(?:times?|x)?\\s*(?:(?:a|per|each|every|/)\\s*day|daily)\\b`,
);
const ONCE_DAILY = /\b(daily|every ?day|each day|a day|per day|q\.?d)\b/;
const ABBREVIATIONS: readonly [RegExp, number][] = [
  [/\bb\.?i\.?d\b/, 2],
  [/\bt\.?i\.?d\b/, 3],
  [/\bq\.?i\.?d\b/, 4],
];
// The hours meant by “morning” or “night” are the offline analyzer's, so a reminder time
// does not depend on which analyzer read the words.
const TIMES_OF_DAY: readonly [RegExp, string][] = [
  [/\bmornings?\b/, PART_OF_DAY_TIMES.morning],
  [/\b(noon|midday)\b/, PART_OF_DAY_TIMES.noon],
  [/\bevenings?\b/, PART_OF_DAY_TIMES.evening],
  [/\bbedtime\b/, PART_OF_DAY_TIMES.bedtime],
  [/\b(nights?|nightly)\b/, PART_OF_DAY_TIMES.night],
];
const CLOCK_12H = /\b(\d{1,2})(?::([0-5]\d))?\s*([ap])\.?m\b/g;
const CLOCK_24H = /\b([01]?\d|2[0-3]):([0-5]\d)\b/g;

/** Reads a FREQUENCY attribute text. */
export function readFrequency(text: string): FrequencyReading {
  const lower = text.toLowerCase().replace(/\s+/g, ' ');
  const asNeeded = AS_NEEDED.test(lower);
  if (NOT_DAILY.test(lower)) return { asNeeded, problems: [] };

  const intervalHours = readIntervalHours(lower);
  if (intervalHours !== undefined) return { ...readInterval(intervalHours), asNeeded };

  return { ...readTimesPerDay(lower), asNeeded };
}

function readIntervalHours(lower: string): number | undefined {
  const match = INTERVAL.exec(lower);
  if (!match) return undefined;

  return match[1] === undefined ? 1 : readCount(match[1]);
}

function readInterval(hours: number): Omit<FrequencyReading, 'asNeeded'> {
  if (hours === 0) return { problems: ['zero_interval'] };
  if (hours < MIN_INTERVAL_HOURS) return { problems: ['interval_too_short'] };

  return { frequency: { everyHours: hours }, problems: [] };
}

function readTimesPerDay(lower: string): Omit<FrequencyReading, 'asNeeded'> {
  const timesOfDay = readTimesOfDay(lower);
  const count = readDailyCount(lower) ?? (timesOfDay.length > 0 ? timesOfDay.length : undefined);
  if (count === undefined || count < 1 || !Number.isInteger(count)) return { problems: [] };
  if (count > MAX_TIMES_PER_DAY) return { problems: ['too_many_times'] };

  const frequency: Frequency = { timesPerDay: count };
  if (timesOfDay.length === count) frequency.timesOfDay = timesOfDay;
  return { frequency, problems: [] };
}

function readDailyCount(lower: string): number | undefined {
  const counted = TIMES_A_DAY.exec(lower)?.[1];
  if (counted !== undefined) return readCount(counted);

  const abbreviated = ABBREVIATIONS.find(([pattern]) => pattern.test(lower));
  if (abbreviated) return abbreviated[1];

  return ONCE_DAILY.test(lower) ? 1 : undefined;
}

/** Named and clock times, as sorted distinct 'HH:mm'. */
function readTimesOfDay(lower: string): string[] {
  const named = TIMES_OF_DAY.filter(([pattern]) => pattern.test(lower)).map(([, time]) => time);
  const clock12 = [...lower.matchAll(CLOCK_12H)].map((m) => clock12hTime(m[1], m[2], m[3]));
  const without12h = lower.replace(CLOCK_12H, ' ');
  const clock24 = [...without12h.matchAll(CLOCK_24H)].map(
    (m) => `${m[1]?.padStart(2, '0')}:${m[2]}`,
  );
  const times = [...named, ...clock12, ...clock24].filter((time) => time !== undefined);
  return [...new Set(times)].sort();
}

function clock12hTime(hour = '', minute = '00', half = ''): string | undefined {
  const hours12 = Number(hour);
  if (hours12 < 1 || hours12 > 12) return undefined;

  const hours24 = (hours12 % 12) + (half === 'p' ? 12 : 0);
  return `${String(hours24).padStart(2, '0')}:${minute}`;
}
