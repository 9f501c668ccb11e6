/**
 * The bundled drug lexicon and how text is matched against it. Every generic name, brand and
 * alias becomes a key in one index; matching is case- and accent-insensitive (keys and text are
 * folded the same way) and forgives one typo (a letter wrong, missing, extra or two swapped) in
 * words of six letters or more, unless the word is a common English or Spanish word.
 */
import { isCommonWord } from './common-words.js';
import { ONCOLOGY_DRUGS } from './lexicon-oncology.js';
import { SUPPORTIVE_CARE_DRUGS } from './lexicon-supportive-care.js';
import { normalizeText } from './normalize-text.js';

/** One medicine: its generic name and the other names people use for it. */
export interface LexiconDrug {
  /** Generic (ingredient) name in lower case, spelled as RxNorm spells it. */
  readonly generic: string;
  /** RxNorm ingredient concept id (RxCUI), only where certain. */
  readonly rxNormId?: string;
  /** Brand names, spelled as marketed. */
  readonly brands?: readonly string[];
  /** Other generic spellings: Spanish (INN) names and common abbreviations. */
  readonly aliases?: readonly string[];
}

/** What a name in the lexicon stands for. */
export interface LexiconName {
  readonly drug: LexiconDrug;
  /** The lexicon's spelling of the name that matched ("Xeloda", "paracetamol"). */
  readonly spelling: string;
  readonly kind: 'generic' | 'brand' | 'alias';
}

/** A drug named in a text, with where the name sits in the normalized text. */
export interface DrugMention extends LexiconName {
  readonly start: number;
  readonly end: number;
}

/** Every drug in the lexicon. */
export const DRUG_LEXICON: readonly LexiconDrug[] = [...ONCOLOGY_DRUGS, ...SUPPORTIVE_CARE_DRUGS];

/** Names and typed words at least this long forgive one typo; shorter ones must be exact. */
const MIN_FUZZY_LETTERS = 6;
const WORD = /\p{L}+|\p{N}+/gu;
// Words of one name may be joined by spaces, hyphens, slashes or a full stop ("Solu-Medrol").
const NAME_JOINER = /^[\s./-]*$/;

interface Token {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/** Splits folded text into words the way lexicon keys are split. */
function tokenize(text: string): Token[] {
  return [...text.matchAll(WORD)].map((match) => ({
    word: match[0],
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
  }));
}

/** The index key of a name: folded words joined by single spaces. */
export function lexiconKey(name: string): string {
  return tokenize(normalizeText(name).text)
    .map((token) => token.word)
    .join(' ');
}

function namesOf(drug: LexiconDrug): LexiconName[] {
  return [
    { drug, spelling: drug.generic, kind: 'generic' as const },
    ...(drug.brands ?? []).map((spelling) => ({ drug, spelling, kind: 'brand' as const })),
    ...(drug.aliases ?? []).map((spelling) => ({ drug, spelling, kind: 'alias' as const })),
  ];
}

function buildIndex(drugs: readonly LexiconDrug[]): Map<string, LexiconName> {
  const index = new Map<string, LexiconName>();
  for (const name of drugs.flatMap(namesOf)) {
    const key = lexiconKey(name.spelling);
    // First wins; the lexicon test fails on any duplicate, so this only guards production.
    if (!index.has(key)) index.set(key, name);
  }
  return index;
}

const INDEX = buildIndex(DRUG_LEXICON);
const MAX_KEY_WORDS = Math.max(...[...INDEX.keys()].map((key) => key.split(' ').length));
const FUZZY_KEYS = [...INDEX.keys()].filter(
  (key) => !key.includes(' ') && key.length >= MIN_FUZZY_LETTERS,
);

/** Every index key, for tests and diagnostics. */
export function lexiconKeys(): string[] {
  return [...INDEX.keys()];
}

/** Looks one name up exactly (after folding); undefined when the lexicon lacks it. */
export function lookUpDrugName(name: string): LexiconName | undefined {
  return INDEX.get(lexiconKey(name));
}

/**
 * Finds every drug named in normalized `text`, longest names first, left to right, without
 * overlaps; a single word of six letters or more may be one typo away from a name.
 */
export function findDrugMentions(text: string): DrugMention[] {
  const tokens = tokenize(text);
  const mentions: DrugMention[] = [];

  for (let first = 0; first < tokens.length;) {
    const found = matchAt(text, tokens, first);
    if (!found) {
      first += 1;
      continue;
    }
    mentions.push(found.mention);
    first += found.words;
  }
  return mentions;
}

function matchAt(
  text: string,
  tokens: readonly Token[],
  first: number,
): { mention: DrugMention; words: number } | undefined {
  for (let words = Math.min(MAX_KEY_WORDS, tokens.length - first); words >= 1; words -= 1) {
    const window = tokens.slice(first, first + words);
    if (!isOneName(text, window)) continue;

    const name = INDEX.get(window.map((token) => token.word).join(' '));
    if (name) return { mention: mentionOf(name, window), words };
  }
  const token = tokens[first];
  const near = token && findNearName(token.word);
  return near && token ? { mention: mentionOf(near, [token]), words: 1 } : undefined;
}

function isOneName(text: string, window: readonly Token[]): boolean {
  return window.every((token, i) => {
    const previous = window[i - 1];
    return !previous || NAME_JOINER.test(text.slice(previous.end, token.start));
  });
}

function mentionOf(name: LexiconName, window: readonly Token[]): DrugMention {
  const start = window[0]?.start ?? 0;
  const end = window[window.length - 1]?.end ?? start;
  return { ...name, start, end };
}

/** The one drug whose single-word name is one typo from `word`; undefined if none or several. */
function findNearName(word: string): LexiconName | undefined {
  if (word.length < MIN_FUZZY_LETTERS || !/^\p{L}+$/u.test(word) || isCommonWord(word)) {
    return undefined;
  }

  const near = FUZZY_KEYS.filter((key) => isOneEditAway(word, key)).map((key) => INDEX.get(key));
  const generics = new Set(near.map((name) => name?.drug.generic));
  return generics.size === 1 ? near[0] : undefined;
}

/**
 * True when `a` and `b` differ by exactly one substitution, insertion, deletion or swap of two
 * neighbouring letters (optimal string alignment distance 1).
 */
export function isOneEditAway(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;

  let same = 0;
  while (same < a.length && same < b.length && a[same] === b[same]) same += 1;

  if (a.length === b.length) {
    const swapped = a[same] === b[same + 1] && a[same + 1] === b[same];
    return (
      a.slice(same + 1) === b.slice(same + 1) ||
      (swapped && a.slice(same + 2) === b.slice(same + 2))
    );
  }
  const [longer, shorter] = a.length > b.length ? [a, b] : [b, a];
  return longer.slice(same + 1) === shorter.slice(same);
}
