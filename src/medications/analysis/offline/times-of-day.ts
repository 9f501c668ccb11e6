/**
 * Reads the times of day a person names: clock times ("at 9am and 9pm", "a las 8 y a las 20",
 * "21:00", "8 de la mañana") and parts of the day ("every morning", "at bedtime", "por la noche",
 * "with breakfast and dinner", "with meals"). A part of the day becomes a default clock time
 * only because the person named it; the dialog reads it back to confirm:
 *
 * | part | time | | part | time |
 * | --- | --- | --- | --- | --- |
 * | morning, waking | 08:00 | | evening | 18:00 |
 * | breakfast | 08:00 | | dinner, supper, cena | 19:00 |
 * | noon, midday | 12:00 | | night | 21:00 |
 * | lunch, almuerzo | 13:00 | | bedtime | 22:00 |
 * | afternoon | 15:00 | | | |
 *
 * A part of the day already covered by a clock time is dropped ("every morning at 9am" → 09:00).
 */
import type { TextScan } from './text-scan.js';

type PartOfDay = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night' | 'bedtime';

/**
 * The clock time ('HH:mm', local) each named part of the day or meal stands for; the table
 * above. Exported so every analyzer reads "every morning" as the same time.
 */
export const PART_OF_DAY_TIMES = {
  morning: '08:00',
  breakfast: '08:00',
  noon: '12:00',
  lunch: '13:00',
  afternoon: '15:00',
  evening: '18:00',
  dinner: '19:00',
  night: '21:00',
  bedtime: '22:00',
} as const;

interface PartOfDayWords {
  pattern: RegExp;
  part: PartOfDay;
  time: string;
  /** A meal is more precise than its part of the day ("dinner" over "evening"). */
  meal: boolean;
}

const CLOCK = String.raw`\d{1,2}(?:[:.h]\d{2})?(?:\s*(?:a\.?\s?m\.?|p\.?\s?m\.?|hs|hrs|horas|h)(?![\p{L}]))?(?:\s+(?:in\s+the|de\s+la|por\s+la|at)\s+(?:morning|manana|afternoon|tarde|evening|night|noche))?`;
const ANCHOR = String.raw`(?:\bat|\ba\s+las?|\bsobre\s+las?|@)`;
const ANCHORED_CLOCKS = new RegExp(
  String.raw`${ANCHOR}\s*(${CLOCK}(?:\s*(?:,|and|y|&|/|\+)\s*(?:${ANCHOR}\s*)?${CLOCK})*)(?![\p{N}])`,
  'gu',
);
const ANCHORED_CLOCK = new RegExp(CLOCK, 'gu');
// Without "at" or "a las", a time needs am/pm, a colon, or "de la mañana/tarde/noche".
const BARE_CLOCKS = [
  /(?<![\p{N}:.,/])\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?\s?m\.?|p\.?\s?m\.?)(?![\p{L}])/gu,
  /(?<![\p{N}:.,/])\d{1,2}:\d{2}(?:\s*(?:hs|hrs|horas|h)(?![\p{L}]))?(?![\p{N}])/gu,
  /(?<![\p{N}:.,/])\d{1,2}(?:[:.]\d{2})?\s+(?:o'?clock\s+)?de\s+la\s+(?:manana|tarde|noche)\b/gu,
  /(?<![\p{N}:.,/])\d{1,2}(?:[:.]\d{2})?\s+o'?clock(?:\s+(?:in\s+the|at)\s+(?:morning|afternoon|evening|night))?/gu,
];

const PARTS: readonly PartOfDayWords[] = [
  {
    pattern:
      /\b(?:(?:with|after|before|at|during)\s+)?breakfast\b|\b(?:(?:con|en|durante|despues\s+del?|antes\s+del?)\s+(?:el\s+)?)?desayuno\b|\bdesayunar\b/g,
    part: 'morning',
    time: PART_OF_DAY_TIMES.breakfast,
    meal: true,
  },
  {
    pattern:
      /\b(?:(?:with|after|before|at|during)\s+)?lunch\b|\b(?:(?:con|en|durante|despues\s+del?|antes\s+del?)\s+(?:el\s+)?)?almuerzo\b|\balmorzar\b/g,
    part: 'noon',
    time: PART_OF_DAY_TIMES.lunch,
    meal: true,
  },
  {
    pattern:
      /\b(?:(?:with|after|before|at|during)\s+)?(?:dinner|supper)\b|\b(?:(?:con|en|durante|despues\s+de|antes\s+de)\s+(?:la\s+)?)?cena\b|\bcenar\b/g,
    part: 'evening',
    time: PART_OF_DAY_TIMES.dinner,
    meal: true,
  },
  {
    pattern:
      /\b(?:(?:at|before|by)\s+)?bed(?:time)?\b|\bbefore\s+(?:going\s+to\s+)?(?:bed|sleep|sleeping)\b|\bq\.?h\.?s\.?(?![\p{L}])|\bhs\b|\bal\s+acostar(?:me|se)\b|\bantes\s+de\s+(?:dormir|acostar(?:me|se)|ir\s+a\s+(?:la\s+cama|dormir))\b/gu,
    part: 'bedtime',
    time: PART_OF_DAY_TIMES.bedtime,
    meal: false,
  },
  {
    pattern:
      /\b(?:(?:in\s+the|every|each|this|the)\s+)?mornings?\b|\bq\.?a\.?m\.?(?![\p{L}])|\b(?:upon|on|when\s+i)\s+(?:waking(?:\s+up)?|wake\s+up|getting\s+up|get\s+up)\b|\b(?:por|en|de|cada|todas)\s+(?:las?\s+)?mananas?\b|\bal\s+(?:levantar(?:me|se)|despertar(?:me|se)?)\b|\bmanana(?=\s*(?:y|,)\s*(?:por\s+la\s+)?(?:tarde|noche))|(?<=(?:tarde|noche)\s*(?:y|,)\s*)manana\b/gu,
    part: 'morning',
    time: PART_OF_DAY_TIMES.morning,
    meal: false,
  },
  {
    pattern: /\b(?:at\s+)?(?:noon|midday|mid-day)\b|\b(?:al\s+)?mediodia\b/g,
    part: 'noon',
    time: PART_OF_DAY_TIMES.noon,
    meal: false,
  },
  {
    pattern:
      /\b(?:(?:in\s+the|every|each|this)\s+)?afternoons?\b|\b(?:por|en|cada|todas)\s+(?:las?\s+)?tardes?\b|(?<=manana\s*(?:y|,)\s*)tarde\b/g,
    part: 'afternoon',
    time: PART_OF_DAY_TIMES.afternoon,
    meal: false,
  },
  {
    pattern: /\b(?:(?:in\s+the|every|each|this)\s+)?evenings?\b|\bq\.?p\.?m\.?(?![\p{L}])/gu,
    part: 'evening',
    time: PART_OF_DAY_TIMES.evening,
    meal: false,
  },
  {
    pattern:
      /\b(?:(?:at|every|each|per|a|in\s+the)\s+)?nights?\b|\bnightly\b|\b(?:(?:por|en|de|cada|todas)\s+(?:las?\s+)?)?noches?\b/g,
    part: 'night',
    time: PART_OF_DAY_TIMES.night,
    meal: false,
  },
];

// "with meals", "antes de las comidas": the three meals of the table above.
const ALL_MEALS =
  /\b(?:with|after|before|at)\s+(?:each\s+|every\s+|all\s+|my\s+|your\s+)?meals\b|\b(?:with|after|before)\s+(?:each|every)\s+meal\b|\b(?:con|en|antes\s+de|despues\s+de)\s+(?:las|cada|todas\s+las)\s+comidas?\b/g;
const MEAL_WORDS = PARTS.filter(({ meal }) => meal);

/** Hours in which a clock time stands for a part of the day already. */
const PART_HOURS: Readonly<Record<PartOfDay, readonly [number, number]>> = {
  morning: [5, 11],
  noon: [11, 14],
  afternoon: [12, 17],
  evening: [17, 21],
  night: [19, 26],
  bedtime: [20, 26],
};

/** Reads every clock time and part of the day in `scan`, taking their words; sorted, unique. */
export function readTimesOfDay(scan: TextScan): string[] {
  const clockTimes = readClockTimes(scan);
  const allMeals = scan.takeAll(ALL_MEALS).length > 0 ? MEAL_WORDS : [];
  const named = [
    ...allMeals,
    ...PARTS.flatMap((words) => scan.takeAll(words.pattern).map(() => words)),
  ];
  const partTimes = keepMostPrecise(named)
    .filter(({ part }) => !clockTimes.some((time) => isInPart(time, part)))
    .map(({ time }) => time);

  return [...new Set([...clockTimes, ...partTimes])].sort();
}

function readClockTimes(scan: TextScan): string[] {
  const anchored = scan
    .takeAll(ANCHORED_CLOCKS)
    .flatMap((match) => readClockList(match.groups[1] ?? ''));
  const bare = BARE_CLOCKS.flatMap((pattern) => scan.takeAll(pattern)).map((match) =>
    toClockTime(match.groups[0] ?? ''),
  );
  return [...anchored, ...bare].filter((time): time is string => time !== undefined);
}

function readClockList(list: string): (string | undefined)[] {
  return [...list.matchAll(ANCHORED_CLOCK)].map((match) => toClockTime(match[0]));
}

/** 'HH:mm' for a clock time as written; undefined when it is no time of day. */
export function toClockTime(written: string): string | undefined {
  const parts = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(?:(a|p)\.?\s?m\.?)?/.exec(written.trim());
  if (!parts) return undefined;

  const minutes = Number(parts[2] ?? 0);
  const hours = adjustHours(Number(parts[1]), parts[3], written);
  if (hours === undefined || hours > 23 || minutes > 59) return undefined;

  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

function adjustHours(
  hours: number,
  meridiem: string | undefined,
  written: string,
): number | undefined {
  if (meridiem) {
    if (hours < 1 || hours > 12) return undefined;
    return (hours % 12) + (meridiem === 'p' ? 12 : 0);
  }
  if (/\b(?:afternoon|tarde|evening)\b/.test(written) && hours < 12) return hours + 12;
  if (/\b(?:night|noche)\b/.test(written) && hours >= 6 && hours < 12) return hours + 12;
  if (/\b(?:night|noche)\b/.test(written) && hours === 12) return 0;

  return hours;
}

/** Bedtime stands for night, and a meal for its part of the day, when both are named. */
function keepMostPrecise(named: readonly PartOfDayWords[]): PartOfDayWords[] {
  const hasBedtime = named.some(({ part }) => part === 'bedtime');
  const mealParts = new Set(named.filter(({ meal }) => meal).map(({ part }) => part));
  return named
    .filter(({ part }) => !(hasBedtime && part === 'night'))
    .filter(({ part, meal }) => meal || !mealParts.has(part));
}

function isInPart(time: string, part: PartOfDay): boolean {
  const hours = Number(time.slice(0, 2));
  const [from, to] = PART_HOURS[part];
  return (hours >= from && hours <= to) || (hours + 24 >= from && hours + 24 <= to);
}
