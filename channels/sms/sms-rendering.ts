/**
 * How a reply reads as text messages. Typographic characters that would force UCS-2 are
 * replaced (see `normalizeForGsm`); suggested actions become a numbered list the person
 * answers by number or by words (see `pickOption`):
 *
 *     Are you a patient or a caregiver?
 *
 *     Reply with 1 or 2:
 *     1. Patient
 *     2. Caregiver
 *
 * One option per line costs fewer characters than "Reply 1 for ..., 2 for ...", and stays
 * readable with six menu items. Each message stays within a maximum number of segments
 * (3 by default); a longer reply becomes several messages, cut at a paragraph, then a line,
 * a sentence or a word, and never inside a word unless one word is longer than a message.
 * The options stay together in the last message, with the paragraph they answer when it fits.
 */
import type { SupportedLocale, TFunction } from '../../src/i18n/i18n.js';
import { countSegments, normalizeForGsm } from './sms-segments.js';

/** Default most segments one message may cost. */
export const DEFAULT_MAX_SEGMENTS = 3;

/** One suggested action as SMS shows it. */
export interface SmsOption {
  /** Localized label the person reads. */
  title: string;
  /** Stable id the dialog expects back, for example `role:patient`. */
  value: string;
}

/** An option with the number it is shown with. */
export interface NumberedOption extends SmsOption {
  /** 1 for the first option, and so on. */
  number: number;
}

/** What `renderSms` needs. */
export interface SmsRenderInput {
  text: string;
  options?: readonly SmsOption[];
  /** Language of `t`, used to join the option numbers ("1, 2, or 3", "1, 2 o 3"). */
  locale: SupportedLocale;
  /** Translations fixed to `locale`; reads `sms:optionsIntro` and `sms:optionLine`. */
  t: TFunction;
  /** Most segments one message may cost; default 3. */
  maxSegments?: number;
}

/** The numbers options are shown with: 1 for the first. `pickOption` reads them the same way. */
export function numberOptions(options: readonly SmsOption[]): NumberedOption[] {
  return options.map((option, index) => ({ ...option, number: index + 1 }));
}

/**
 * The options of a Bot Framework activity's suggested actions that can be answered by text:
 * imBack and postBack send their value, messageBack its text. Others (openUrl, call) are
 * left out.
 *
 * TODO: show openUrl actions as "title: link" lines once a dialog offers one; none does yet.
 */
export function smsOptionsOf(payload: Record<string, unknown>): SmsOption[] {
  const suggested = payload.suggestedActions as { actions?: unknown } | undefined;
  if (!suggested || !Array.isArray(suggested.actions)) return [];

  return suggested.actions
    .map(toOption)
    .filter((option): option is SmsOption => option !== undefined);
}

function toOption(action: unknown): SmsOption | undefined {
  const { type, title, value, text } = (action ?? {}) as Record<string, unknown>;
  const sent = type === 'messageBack' ? (text ?? value) : value;
  if (!['imBack', 'postBack', 'messageBack'].includes(String(type))) return undefined;
  if (typeof sent !== 'string' || sent === '') return undefined;

  return { title: typeof title === 'string' && title.trim() ? title : sent, value: sent };
}

/**
 * The text messages a reply is sent as, in order; empty when there is nothing to say. Each
 * costs at most `maxSegments` segments, and the numbered options close the last one.
 */
export function renderSms(input: SmsRenderInput): string[] {
  const maxSegments = input.maxSegments ?? DEFAULT_MAX_SEGMENTS;
  if (!Number.isInteger(maxSegments) || maxSegments < 1) {
    throw new RangeError(`maxSegments must be a whole number of at least 1, not ${maxSegments}.`);
  }

  const fits = (message: string) => countSegments(message).segments <= maxSegments;
  const text = normalizeForGsm(input.text).trim();
  const block = optionsBlock(input);
  if (block === '') return splitToFit(text, fits);

  return splitKeepingOptions(text, block, fits);
}

function optionsBlock({ options = [], locale, t }: SmsRenderInput): string {
  if (options.length === 0) return '';

  const numbered = numberOptions(options);
  const list = new Intl.ListFormat(locale, { type: 'disjunction' });
  const intro = t('sms:optionsIntro', { numbers: list.format(numbered.map((o) => `${o.number}`)) });
  const lines = numbered.map(({ number, title }) =>
    t('sms:optionLine', { number, title: title.replace(/\s+/g, ' ').trim() }),
  );
  return normalizeForGsm([intro, ...lines].join('\n'));
}

type Fits = (message: string) => boolean;

/**
 * The options stay whole, in the last message, with the text's last paragraph (usually the
 * question they answer) and what else fits before it; or, when that paragraph is too long,
 * with as many of its last lines, sentences or words as fit.
 */
function splitKeepingOptions(text: string, block: string, fits: Fits): string[] {
  const whole = joinParagraphs(text, block);
  if (fits(whole)) return [whole];
  // Only a very long list of options can get here; its lines are then cut like text.
  if (!fits(block)) return [...splitToFit(text, fits), ...splitToFit(block, fits)];

  const paragraph = boundaryStarts(text, PARAGRAPH).at(-1) ?? 0;
  const last = joinParagraphs(text.slice(paragraph).trim(), block);
  if (fits(last)) return mergeLast(splitToFit(text.slice(0, paragraph), fits), last, fits);

  const start = tailStart(text, block, fits);
  return [
    ...splitToFit(text.slice(0, start), fits),
    joinParagraphs(text.slice(start).trim(), block),
  ];
}

/** `parts` then `last`, the last part and `last` as one message when they fit together. */
function mergeLast(parts: string[], last: string, fits: Fits): string[] {
  const previous = parts.at(-1);
  if (previous === undefined || !fits(joinParagraphs(previous, last))) return [...parts, last];

  return [...parts.slice(0, -1), joinParagraphs(previous, last)];
}

/** Where the lines, sentences or words that go with the options start; `text.length` if none. */
function tailStart(text: string, block: string, fits: Fits): number {
  const earliest = earliestFittingStart(text, block, fits);
  for (const boundary of [LINE, SENTENCE, WORD]) {
    const start = boundaryStarts(text, boundary).find((index) => index >= earliest);
    if (start !== undefined) return start;
  }
  return text.length;
}

/** The smallest index from which the rest of `text` still fits with the options. */
function earliestFittingStart(text: string, block: string, fits: Fits): number {
  const starts = [0, ...codePointEnds(text)];
  let [low, high] = [0, starts.length - 1];
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(joinParagraphs(text.slice(starts[middle]).trim(), block))) high = middle;
    else low = middle + 1;
  }
  return starts[low]!;
}

const PARAGRAPH = /\n\s*\n/g;
const LINE = /\n/g;
const SENTENCE = /[.!?]["')\]]*\s+/g;
const WORD = /\s+/g;
/** Preferred places to cut, best first. */
const BOUNDARIES = [PARAGRAPH, LINE, SENTENCE, WORD];

/** Indexes where a part may start right after `boundary`. */
function boundaryStarts(text: string, boundary: RegExp): number[] {
  return [...text.matchAll(boundary)].map((match) => match.index + match[0].length);
}

/** Splits `text` into parts that each fit, cutting where a reader would break it. */
function splitToFit(text: string, fits: Fits): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest !== '' && !fits(rest)) {
    const cut = cutPoint(rest, longestFittingPrefix(rest, fits));
    parts.push(rest.slice(0, cut.end).trimEnd());
    rest = rest.slice(cut.next).trimStart();
  }
  if (rest !== '') parts.push(rest);
  return parts;
}

/** Length of the longest prefix of `text` that fits, never ending inside a surrogate pair. */
function longestFittingPrefix(text: string, fits: Fits): number {
  const ends = codePointEnds(text);
  // A single character always fits, since a message may cost at least one segment.
  let [low, high] = [0, ends.length - 1];
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(text.slice(0, ends[middle]))) low = middle;
    else high = middle - 1;
  }
  return ends[low]!;
}

/**
 * Where to end a part of at most `limit` code units: the last boundary of the best kind in
 * the second half of the part (so no part is needlessly short), else the last space, else
 * `limit` itself.
 */
function cutPoint(text: string, limit: number): { end: number; next: number } {
  const window = text.slice(0, limit + 1);
  for (const boundary of BOUNDARIES) {
    const cut = lastCut(window, boundary, limit, limit / 2);
    if (cut) return cut;
  }
  return lastCut(window, WORD, limit, 0) ?? { end: limit, next: limit };
}

function lastCut(
  window: string,
  boundary: RegExp,
  limit: number,
  minimum: number,
): { end: number; next: number } | undefined {
  let best: { end: number; next: number } | undefined;
  for (const match of window.matchAll(boundary)) {
    // A part keeps a sentence's punctuation and drops the whitespace after it.
    const end = match.index + match[0].trimEnd().length;
    if (end > limit) break;
    if (end > minimum) best = { end, next: match.index + match[0].length };
  }
  return best;
}

/** The offset after each code point of `text`, in UTF-16 code units. */
function codePointEnds(text: string): number[] {
  const ends: number[] = [];
  let offset = 0;
  for (const character of text) {
    offset += character.length;
    ends.push(offset);
  }
  return ends;
}

function joinParagraphs(...paragraphs: string[]): string {
  return paragraphs.filter((paragraph) => paragraph !== '').join('\n\n');
}
