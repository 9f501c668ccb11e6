/**
 * Names of weekdays and months in English and Spanish, folded (lower case, no accents), with
 * the regular-expression sources the frequency and date parsers share.
 */

const WEEKDAY_NAMES: Readonly<Record<string, number>> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
  lunes: 1,
  martes: 2,
  miercoles: 3,
  jueves: 4,
  viernes: 5,
  sabado: 6,
  domingo: 7,
};

// Short forms are only trusted next to another day or after "on"/"every" ("avoid sun").
const WEEKDAY_ABBREVIATIONS: Readonly<Record<string, number>> = {
  mon: 1,
  tue: 2,
  tues: 2,
  wed: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  fri: 5,
  sat: 6,
  sun: 7,
};

const MONTH_NAMES: Readonly<Record<string, number>> = {
  january: 1,
  jan: 1,
  february: 2,
  feb: 2,
  march: 3,
  mar: 3,
  april: 4,
  apr: 4,
  may: 5,
  june: 6,
  jun: 6,
  july: 7,
  jul: 7,
  august: 8,
  aug: 8,
  september: 9,
  sept: 9,
  sep: 9,
  october: 10,
  oct: 10,
  november: 11,
  nov: 11,
  december: 12,
  dec: 12,
  enero: 1,
  ene: 1,
  febrero: 2,
  marzo: 3,
  abril: 4,
  abr: 4,
  mayo: 5,
  junio: 6,
  julio: 7,
  agosto: 8,
  ago: 8,
  septiembre: 9,
  setiembre: 9,
  octubre: 10,
  noviembre: 11,
  diciembre: 12,
  dic: 12,
};

function alternation(words: Iterable<string>): string {
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** A full weekday name, singular or plural ("monday", "mondays", "lunes", "sabados"). */
export const WEEKDAY_FULL = String.raw`\b(?:${alternation(Object.keys(WEEKDAY_NAMES))})s?\b`;

/** A weekday name or its short form ("mon", "thurs"), singular or plural. */
export const WEEKDAY_ANY = String.raw`\b(?:${alternation([
  ...Object.keys(WEEKDAY_NAMES),
  ...Object.keys(WEEKDAY_ABBREVIATIONS),
])})s?\b\.?`;

/** A month name or its short form. */
export const MONTH = String.raw`\b(?:${alternation(Object.keys(MONTH_NAMES))})\b\.?`;

/** ISO weekday (1 = Monday) of a weekday word; undefined when it is none. */
export function weekdayNumber(word: string): number | undefined {
  const bare = word.replace(/\.$/, '');
  const singular = bare.replace(/s$/, '');
  return (
    WEEKDAY_NAMES[bare] ??
    WEEKDAY_NAMES[singular] ??
    WEEKDAY_ABBREVIATIONS[bare] ??
    WEEKDAY_ABBREVIATIONS[singular]
  );
}

/** True when `word` is a full weekday name rather than a short form. */
export function isFullWeekdayName(word: string): boolean {
  const bare = word.replace(/\.$/, '');
  return bare in WEEKDAY_NAMES || bare.replace(/s$/, '') in WEEKDAY_NAMES;
}

/** Month number (1-12) of a month word; undefined when it is none. */
export function monthNumber(word: string): number | undefined {
  return MONTH_NAMES[word.replace(/\.$/, '')];
}
