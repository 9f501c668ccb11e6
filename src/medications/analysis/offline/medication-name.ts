/**
 * Finds the name of a drug the lexicon does not know: the leading words of its stretch of text,
 * after filler ("I'm taking", "estoy tomando") and before the first number, unit or schedule
 * word. "I take Zorblax XR 10 mg daily" → "Zorblax XR".
 */
import { FILLER_WORDS, STOP_WORDS } from './name-words.js';

/** Where a name sits in the normalized text. */
export interface NameSpan {
  start: number;
  end: number;
}

/** Longest unknown name kept, in words; past that it is a sentence, not a name. */
export const MAX_NAME_WORDS = 4;

const TOKEN = /\p{L}[\p{L}'-]*|\p{N}+|[^\s\p{L}\p{N}]+/gu;
const NAME_WORD = /^\p{L}[\p{L}'-]*$/u;
// Bullets, quotes and colons before a name: "- Zorblax", "• Zorblax", "medication: Zorblax".
const LEADING_MARKS = /^[-–—(*•·"':]+$/;
const MIN_NAME_LETTERS = 2;
/** Longest unknown name kept, in characters; drug names are far shorter. */
const MAX_NAME_CHARS = 60;

/**
 * The unknown name at the start of normalized `text[from, to)`; undefined when the leading
 * words are all filler, or a number or schedule word comes first.
 */
export function findLeadingName(text: string, from = 0, to = text.length): NameSpan | undefined {
  const words = collectNameWords(text, from, to);
  const first = words[0];
  const last = words[words.length - 1];
  if (!first || !last) return undefined;

  const name = text.slice(first.start, last.end);
  if (letterCount(name) < MIN_NAME_LETTERS || name.length > MAX_NAME_CHARS) return undefined;

  return { start: first.start, end: last.end };
}

function collectNameWords(text: string, from: number, to: number): NameSpan[] {
  const words: NameSpan[] = [];
  for (const token of text.slice(from, to).matchAll(TOKEN)) {
    const word = token[0];
    const start = from + (token.index ?? 0);
    if (words.length === 0 && (FILLER_WORDS.has(word) || LEADING_MARKS.test(word))) continue;
    if (!NAME_WORD.test(word) || STOP_WORDS.has(word)) break;

    words.push({ start, end: start + word.length });
    if (words.length === MAX_NAME_WORDS) break;
  }
  return words;
}

function letterCount(text: string): number {
  return text.match(/\p{L}/gu)?.length ?? 0;
}
