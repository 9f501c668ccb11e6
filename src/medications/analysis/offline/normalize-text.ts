/**
 * Puts what a person typed into the one spelling the offline parsers read: NFKC (full-width
 * digits, non-breaking spaces, ligatures), lower case, no diacritics, one apostrophe, single
 * spaces. Every character of the result remembers where it came from, so a name or a reason can
 * be quoted back exactly as the person wrote it ("Zorbláx", "las náuseas").
 */

/** A text in two forms: as written, and folded for matching, with a map between them. */
export interface NormalizedText {
  /** The text as written after NFKC and the clean-up below; what `quoteWritten` slices. */
  readonly written: string;
  /** Lower case, no diacritics, single spaces, newlines kept: what the parsers read. */
  readonly text: string;
  /** For each character of `text`, where it starts in `written`. */
  readonly starts: readonly number[];
  /** For each character of `text`, where it ends in `written` (exclusive). */
  readonly ends: readonly number[];
}

// Apostrophe look-alikes from phones and Spanish keyboards. U+00B4 must go before NFKC, which
// would otherwise turn it into a space plus a combining accent.
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u2032\u02BC\u00B4\u0060\uFF07]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// NFKC turns ½ into 1⁄2 with a fraction slash; the parsers read an ordinary slash.
const FRACTION_SLASH = /\u2044/g;
const MULTIPLICATION_SIGNS = /[\u00D7\u2715\u2716]/g;
const COMBINING_MARKS = /\p{M}/gu;
const LINE_BREAK = /\r\n?|[\u2028\u2029\u0085]/g;
const HORIZONTAL_SPACE = /[^\S\n]/u;

/**
 * Normalizes `input` for matching and keeps the way back to what was written.
 * @param input what the person wrote, any Unicode
 */
export function normalizeText(input: string): NormalizedText {
  const written = input
    .replace(APOSTROPHES, "'")
    .replace(ZERO_WIDTH, '')
    .normalize('NFKC')
    .replace(FRACTION_SLASH, '/')
    .replace(MULTIPLICATION_SIGNS, 'x')
    .replace(LINE_BREAK, '\n');
  const folded = { text: '', starts: [] as number[], ends: [] as number[] };

  let index = 0;
  for (const character of written) {
    appendFolded(folded, foldCharacter(character), index, index + character.length);
    index += character.length;
  }
  trimTrailingSpace(folded);

  return { written, ...folded };
}

/**
 * The written text behind `text.slice(start, end)`, with runs of spaces made single and the
 * ends trimmed; '' when the range is empty.
 */
export function quoteWritten(source: NormalizedText, start: number, end: number): string {
  if (end <= start) return '';

  const from = source.starts[start] ?? source.written.length;
  const to = source.ends[end - 1] ?? source.written.length;
  return source.written.slice(from, to).replace(/\s+/g, ' ').trim();
}

function foldCharacter(character: string): string {
  const folded = character.toLowerCase().normalize('NFD').replace(COMBINING_MARKS, '');
  if (folded === '\n') return '\n';
  if (HORIZONTAL_SPACE.test(folded)) return ' ';

  return folded;
}

interface FoldedText {
  text: string;
  starts: number[];
  ends: number[];
}

function appendFolded(folded: FoldedText, piece: string, start: number, end: number): void {
  // Spaces collapse, and no space opens a line or the text.
  if (piece === ' ' && (folded.text === '' || /[ \n]$/.test(folded.text))) return;
  if (piece === '\n') trimTrailingSpace(folded);

  // One entry per UTF-16 unit, so indices into `text` index these arrays too.
  folded.text += piece;
  for (let unit = 0; unit < piece.length; unit += 1) {
    folded.starts.push(start);
    folded.ends.push(end);
  }
}

function trimTrailingSpace(folded: FoldedText): void {
  while (folded.text.endsWith(' ')) {
    folded.text = folded.text.slice(0, -1);
    folded.starts.pop();
    folded.ends.pop();
  }
}
