/**
 * Numbers as people write them in English and Spanish: digits with either decimal mark
 * ("0.5", "1,5", "1,500"), simple fractions ("1/2", "1 1/2", "½" after NFKC) and number words
 * ("two", "dos", "half a", "medio"). Patterns here are regular-expression sources for the
 * parsers to compose; they expect normalized text (lower case, no diacritics).
 */
import type { AnalysisLanguage } from '../medical-text-analyzer.js';

const COUNT_WORDS: Readonly<Record<string, number>> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  twenty: 20,
  'twenty-one': 21,
  'twenty one': 21,
  'twenty-eight': 28,
  'twenty eight': 28,
  thirty: 30,
  forty: 40,
  fifty: 50,
  cero: 0,
  uno: 1,
  una: 1,
  un: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  // "once" is eleven in Spanish; patterns that use COUNT_WORD put it before a unit ("once
  // días"), while English "once a day" is read by the frequency parser before any count.
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  veinte: 20,
  veintiuno: 21,
  veintiun: 21,
  veintiocho: 28,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
};

const HALF_WORDS: Readonly<Record<string, number>> = {
  half: 0.5,
  'half a': 0.5,
  'half an': 0.5,
  'half of a': 0.5,
  'a half': 0.5,
  'one half': 0.5,
  medio: 0.5,
  media: 0.5,
  'one and a half': 1.5,
  'one and one half': 1.5,
  'uno y medio': 1.5,
  'una y media': 1.5,
  'un y medio': 1.5,
  a: 1,
  an: 1,
};

function alternation(words: readonly string[]): string {
  return [...words]
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace(/ /g, String.raw`\s+`))
    .join('|');
}

/** Digits with an optional decimal or thousands mark: "20", "0.5", "1,5", "1,500". */
export const DIGITS = String.raw`\d+(?:[.,]\d+)*`;

/** A count word such as "two" or "dos" (not "a" or "half"). */
export const COUNT_WORD = String.raw`\b(?:${alternation(Object.keys(COUNT_WORDS))})\b`;

/** An amount taken at once: digits, a count word, a fraction, "half a", "one and a half", "a", "an". */
export const AMOUNT = String.raw`(?:\d+\s+\d+\s*/\s*\d+|\d+\s*/\s*\d+|${DIGITS}|\d+\s+and\s+a\s+half|\b(?:${alternation(
  Object.keys(HALF_WORDS),
)})\b|${COUNT_WORD})`;

const THOUSANDS_MARK: Readonly<Record<AnalysisLanguage, string>> = { en: ',', es: '.' };
const THOUSANDS_GROUPED: Readonly<Record<AnalysisLanguage, RegExp>> = {
  en: /^\d{1,3}(?:,\d{3})+$/,
  es: /^\d{1,3}(?:\.\d{3})+$/,
};

/**
 * Reads a number written with digits. A mark followed by exactly three digits is a thousands
 * separator when it is the language's own (',' in English, '.' in Spanish); otherwise a decimal.
 */
export function parseDigits(raw: string, language: AnalysisLanguage): number | undefined {
  const thousandsMark = THOUSANDS_MARK[language];
  const grouped = THOUSANDS_GROUPED[language].test(raw);
  const plain = grouped ? raw.split(thousandsMark).join('') : raw.replace(',', '.');
  if (!/^\d+(?:\.\d+)?$/.test(plain)) return undefined;

  return Number(plain);
}

/** Reads digits, a count word or AMOUNT text; undefined when it is none of them. */
export function parseNumber(raw: string, language: AnalysisLanguage): number | undefined {
  const text = raw.trim().replace(/\s+/g, ' ');
  const mixed = /^(\d+) (\d+) ?\/ ?(\d+)$/.exec(text);
  if (mixed) return fraction(Number(mixed[1]), Number(mixed[2]), Number(mixed[3]));

  const simple = /^(\d+) ?\/ ?(\d+)$/.exec(text);
  if (simple) return fraction(0, Number(simple[1]), Number(simple[2]));

  const andAHalf = /^(\d+) and a half$/.exec(text);
  if (andAHalf) return Number(andAHalf[1]) + 0.5;

  if (/^\d/.test(text)) return parseDigits(text, language);

  return COUNT_WORDS[text] ?? HALF_WORDS[text];
}

function fraction(whole: number, numerator: number, denominator: number): number | undefined {
  if (denominator === 0) return undefined;

  return whole + numerator / denominator;
}
