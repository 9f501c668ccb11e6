/**
 * The fake Twilio's own count of SMS segments, written for the benchmark from the GSM 03.38
 * and concatenated-SMS rules and deliberately sharing nothing with
 * `channels/sms/sms-segments.ts`, so the benchmark checks CareLine's count against an
 * independent one.
 *
 * The text is first encoded the way a carrier would: to septets (GSM-7, the default alphabet
 * plus the escape table) when every character has a septet code, otherwise to UTF-16 code
 * units (UCS-2). A text within one segment's capacity is one segment; a longer one is cut
 * into concatenated segments of the smaller capacity, never separating an escape from its
 * character or a high surrogate from its low surrogate.
 */

/** How a text travels: septets or UTF-16 code units. */
export type AirEncoding = 'GSM-7' | 'UCS-2';

export interface AirCount {
  encoding: AirEncoding;
  segments: number;
}

const ONE_SEGMENT = { 'GSM-7': 160, 'UCS-2': 70 } as const;
const PER_CONCATENATED_SEGMENT = { 'GSM-7': 153, 'UCS-2': 67 } as const;
const ESCAPE_SEPTET = 0x1b;
const HIGH_SURROGATES = { first: 0xd800, last: 0xdbff };

/**
 * GSM 03.38 default alphabet, one row per high nibble (0x00, 0x10, ... 0x70), columns by low
 * nibble. The escape's own cell (0x1B) holds a placeholder that is never matched.
 */
const DEFAULT_ALPHABET_ROWS = [
  '@£$¥èéùìòÇ\nØø\rÅå',
  'Δ_ΦΓΛΩΠΨΣΘΞ\u0000ÆæßÉ',
  ' !"#¤%&\'()*+,-./',
  '0123456789:;<=>?',
  '¡ABCDEFGHIJKLMNO',
  'PQRSTUVWXYZÄÖÑÜ§',
  '¿abcdefghijklmno',
  'pqrstuvwxyzäöñüà',
];

/** The escape table: character, and the septet that follows the escape. */
const ESCAPE_TABLE: ReadonlyMap<string, number> = new Map([
  ['\f', 0x0a],
  ['^', 0x14],
  ['{', 0x28],
  ['}', 0x29],
  ['\\', 0x2f],
  ['[', 0x3c],
  ['~', 0x3d],
  [']', 0x3e],
  ['|', 0x40],
  ['€', 0x65],
]);

const DEFAULT_CODES: ReadonlyMap<string, number> = new Map(
  DEFAULT_ALPHABET_ROWS.flatMap((row, high) =>
    [...row].map((character, low) => [character, high * 16 + low] as const),
  ).filter(([, code]) => code !== ESCAPE_SEPTET),
);

/** Each character's septets, or undefined when one character has no GSM-7 code. */
function toSeptets(text: string): number[][] | undefined {
  const encoded: number[][] = [];
  for (const character of text) {
    const code = DEFAULT_CODES.get(character);
    const escaped = ESCAPE_TABLE.get(character);
    if (code !== undefined) encoded.push([code]);
    else if (escaped !== undefined) encoded.push([ESCAPE_SEPTET, escaped]);
    else return undefined;
  }
  return encoded;
}

/** Each UTF-16 code unit, a surrogate pair kept together as one indivisible group. */
function toCodeUnitGroups(text: string): number[][] {
  const groups: number[][] = [];
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    const isHigh = unit >= HIGH_SURROGATES.first && unit <= HIGH_SURROGATES.last;
    if (isHigh && i + 1 < text.length) groups.push([unit, text.charCodeAt(++i)]);
    else groups.push([unit]);
  }
  return groups;
}

/** Segments needed for indivisible groups of units, `capacity` units per segment. */
function packedSegments(groups: number[][], capacity: number): number {
  let segments = 1;
  let free = capacity;
  for (const group of groups) {
    if (group.length > free) {
      segments += 1;
      free = capacity;
    }
    free -= group.length;
  }
  return segments;
}

/** Encoding and segment count of `body` as a carrier would send it; 0 segments when empty. */
export function countAirSegments(body: string): AirCount {
  const septets = toSeptets(body);
  const encoding: AirEncoding = septets ? 'GSM-7' : 'UCS-2';
  const groups = septets ?? toCodeUnitGroups(body);
  const units = groups.reduce((sum, group) => sum + group.length, 0);
  if (units === 0) return { encoding, segments: 0 };
  if (units <= ONE_SEGMENT[encoding]) return { encoding, segments: 1 };

  return { encoding, segments: packedSegments(groups, PER_CONCATENATED_SEGMENT[encoding]) };
}
