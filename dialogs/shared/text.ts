/**
 * How CareLine reads what a person types: answers are matched without regard to case,
 * accents, surrounding spaces or trailing punctuation, and free text (names, regions) is
 * cleaned of invisible characters before it is stored.
 */

// Bidi overrides and isolates, zero-width spaces, BOM, soft hyphen, word joiner: invisible,
// and able to make a stored name display differently from what the person typed.
const INVISIBLE_CHARACTERS = /[\p{Cc}\u00AD\u200B\u202A-\u202E\u2060\u2066-\u2069\uFEFF]/gu;
const LINE_BREAKS_AND_TABS = /[\t\n\v\f\r\u0085\u2028\u2029]/g;
const LEADING_PUNCTUATION = /^[\s¿¡"'“”‘’«»(]+/u;
const TRAILING_PUNCTUATION = /[\s.,;:!?¡¿…"'“”‘’«»)]+$/u;

/** Returns `text` without control or invisible formatting characters. */
export function stripControlCharacters(text: string): string {
  return text.replace(LINE_BREAKS_AND_TABS, ' ').replace(INVISIBLE_CHARACTERS, '');
}

/**
 * Returns free text ready to store: Unicode-normalised (NFC), without control characters,
 * with runs of whitespace collapsed to one space and no space at either end.
 */
export function cleanFreeText(text: string): string {
  return stripControlCharacters(text.normalize('NFC')).replace(/\s+/gu, ' ').trim();
}

/**
 * Returns the form answers are compared in: lowercase, accent-free, straight apostrophes,
 * trimmed, without surrounding quotes or trailing punctuation ("¿Menú?" gives "menu").
 */
export function normalizeAnswer(text: string): string {
  return cleanFreeText(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(LEADING_PUNCTUATION, '')
    .replace(TRAILING_PUNCTUATION, '');
}

/** Length in characters as a person counts them (code points, not UTF-16 units). */
export function countCharacters(text: string): number {
  return [...text].length;
}

/**
 * Returns the key of `phrases` whose list holds the normalised `text`, or undefined.
 * Lists hold already-normalised phrases and button values.
 */
export function matchPhrase<K extends string>(
  text: string,
  phrases: Readonly<Record<K, readonly string[]>>,
): K | undefined {
  const answer = normalizeAnswer(text);
  if (answer === '') return undefined;

  const keys = Object.keys(phrases) as K[];
  return keys.find((key) => phrases[key].includes(answer));
}
