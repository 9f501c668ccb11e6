/**
 * How many SMS segments a text costs, and how a carrier cuts it into segments.
 *
 * A text that uses only the GSM 03.38 alphabet goes as GSM-7: 160 septets in one segment,
 * or 153 per segment once it is concatenated (the rest of each segment holds the header that
 * lets the phone put the parts back together). One character outside that alphabet turns the
 * whole text into UCS-2: 70 UTF-16 code units, or 67 per concatenated segment. Characters
 * of the GSM-7 extension table (`^ { } \ [ ~ ] | €` and form feed) cost two septets (an
 * escape and the character) and must not be split between segments; neither may the two
 * halves of a surrogate pair (an emoji, for example). So a text is cut greedily, character
 * by character, and its segment count is the number of pieces, which can be one more than
 * plain division suggests.
 *
 * `normalizeForGsm` replaces typographic characters that force UCS-2 for no reason (curly
 * quotes, dashes, ellipsis, odd spaces, bullets) with their plain GSM-7 equivalents. Letters
 * that carry meaning, such as Spanish á, í, ó and ú, are left alone: they cost segments, but
 * "está" and "esta" are different words.
 */

/** How the text is encoded on the air. */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

/** Septets in a GSM-7 text that fits one segment. */
export const GSM7_SINGLE_SEGMENT_SEPTETS = 160;
/** Septets per segment of a concatenated GSM-7 text. */
export const GSM7_CONCATENATED_SEPTETS = 153;
/** UTF-16 code units in a UCS-2 text that fits one segment. */
export const UCS2_SINGLE_SEGMENT_UNITS = 70;
/** UTF-16 code units per segment of a concatenated UCS-2 text. */
export const UCS2_CONCATENATED_UNITS = 67;

/** What a text costs. */
export interface SegmentCount {
  encoding: SmsEncoding;
  /** Segments the text is sent as; 0 for an empty text. */
  segments: number;
  /** Septets for GSM-7, UTF-16 code units for UCS-2. */
  units: number;
}

/** The GSM 03.38 basic character set, in table order, without 0x1B (the escape). */
export const GSM7_BASIC_CHARACTERS: ReadonlySet<string> = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
    '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
/** The GSM 03.38 extension characters; each is sent as the escape plus a character. */
export const GSM7_EXTENSION_CHARACTERS: ReadonlySet<string> = new Set('\f^{}\\[~]|€');

/** Whether a single character (code point) is sent as one or two GSM-7 septets. */
export function isGsm7Character(character: string): boolean {
  return GSM7_BASIC_CHARACTERS.has(character) || GSM7_EXTENSION_CHARACTERS.has(character);
}

/** GSM-7 when every character is in the GSM alphabet, UCS-2 otherwise. */
export function encodingOf(text: string): SmsEncoding {
  for (const character of text) {
    if (!isGsm7Character(character)) return 'UCS-2';
  }
  return 'GSM-7';
}

/** Encoding, segment count and size of `text`, exactly as it would be sent. */
export function countSegments(text: string): SegmentCount {
  const encoding = encodingOf(text);
  const units = [...text].reduce((sum, character) => sum + unitsOf(character, encoding), 0);
  return { encoding, segments: splitIntoSegments(text).length, units };
}

/**
 * The segments a carrier sends `text` as, in order: empty for an empty text, the text itself
 * when it fits one segment. Never separates an extension character from its escape or the
 * two halves of a surrogate pair.
 */
export function splitIntoSegments(text: string): string[] {
  if (text === '') return [];

  const encoding = encodingOf(text);
  const [single, concatenated] =
    encoding === 'GSM-7'
      ? [GSM7_SINGLE_SEGMENT_SEPTETS, GSM7_CONCATENATED_SEPTETS]
      : [UCS2_SINGLE_SEGMENT_UNITS, UCS2_CONCATENATED_UNITS];
  const characters = [...text];
  const total = characters.reduce((sum, character) => sum + unitsOf(character, encoding), 0);
  if (total <= single) return [text];

  return packSegments(characters, encoding, concatenated);
}

function packSegments(characters: string[], encoding: SmsEncoding, capacity: number): string[] {
  const segments: string[] = [];
  let current = '';
  let used = 0;
  for (const character of characters) {
    const cost = unitsOf(character, encoding);
    if (used + cost > capacity) {
      segments.push(current);
      current = '';
      used = 0;
    }
    current += character;
    used += cost;
  }
  segments.push(current);
  return segments;
}

function unitsOf(character: string, encoding: SmsEncoding): number {
  if (encoding === 'UCS-2') return character.length;

  return GSM7_EXTENSION_CHARACTERS.has(character) ? 2 : 1;
}

// Replacements that change how a text looks, never what it says, in English or Spanish.
const GSM_REPLACEMENTS: readonly [RegExp, string][] = [
  [/\r\n?/g, '\n'],
  // Zero-width characters, BOM and soft hyphen: invisible, yet each forces UCS-2.
  [/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, ''],
  [/[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g, ' '],
  [/[\u2028\u2029]/g, '\n'],
  [/[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4`\u2039\u203A]/g, "'"],
  [/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g, '"'],
  [/[\u2010-\u2015\u2212\u2043]/g, '-'],
  [/[\u2022\u2023\u25E6\u2219\u25AA\u25CF]/g, '-'],
  [/\u2026/g, '...'],
  [/\u2044/g, '/'],
];

/**
 * `text` in NFC (so a decomposed "é" becomes the GSM-7 "é") with typographic characters
 * replaced by plain ones: curly quotes and guillemets by straight quotes, dashes and
 * bullets by "-", the ellipsis by "...", non-breaking and other odd spaces by a space, and
 * invisible characters removed. Meaningful letters (á, í, ó, ú), symbols such as ° and
 * emoji are kept, even though they force UCS-2.
 */
export function normalizeForGsm(text: string): string {
  return GSM_REPLACEMENTS.reduce(
    (result, [pattern, replacement]) => result.replace(pattern, replacement),
    text.normalize('NFC'),
  );
}
