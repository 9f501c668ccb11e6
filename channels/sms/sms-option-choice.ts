/**
 * Which numbered option an SMS reply picks. A person can answer with the number ("2",
 * "2.", "#2", "option 2", "2️⃣"), a number word in English or Spanish ("two", "dos",
 * "the second one", "la segunda"), the option's words ("caregiver", "I'm a caregiver"), or
 * the number and the words together ("2 Caregiver"). Both languages' words are read
 * whatever the conversation's language: bilingual people mix them, and no number word of
 * one language means something else in the other.
 *
 * When a reply could mean two options, or negates the option it names ("not the patient"),
 * nothing is picked: the dialog asks again rather than guess.
 */
import { foldReply } from './sms-keywords.js';
import { numberOptions, type NumberedOption, type SmsOption } from './sms-rendering.js';

const NUMBER_WORDS: Readonly<Record<string, number>> = Object.fromEntries(
  [
    ['one', 'first', 'uno', 'una', 'un', 'primero', 'primera', 'primer'],
    ['two', 'second', 'dos', 'segundo', 'segunda'],
    ['three', 'third', 'tres', 'tercero', 'tercera', 'tercer'],
    ['four', 'fourth', 'cuatro', 'cuarto', 'cuarta'],
    ['five', 'fifth', 'cinco', 'quinto', 'quinta'],
    ['six', 'sixth', 'seis', 'sexto', 'sexta'],
    ['seven', 'seventh', 'siete', 'septimo', 'septima'],
    ['eight', 'eighth', 'ocho', 'octavo', 'octava'],
    ['nine', 'ninth', 'nueve', 'noveno', 'novena'],
    ['ten', 'tenth', 'diez', 'decimo', 'decima'],
  ].flatMap((words, index) => words.map((word) => [word, index + 1])),
);

// "#2", "nº 2", "n° 2", "No. 2": signs that a number follows.
const NUMBER_SIGNS = /#|\bn[º°]|\bno\.(?=\s*\d)/gi;
// "2", "2nd", "2o" (from "2º" once folded), "2a".
const DIGITS = /^0*(\d{1,3})(?:st|nd|rd|th|o|a|er|era)?$/;
// Words around a number that do not change it: "the 2nd one", "option 2", "la 2 por favor".
const LEADING_FILLERS = new Set([
  'the',
  'option',
  'number',
  'num',
  'nr',
  'n',
  'el',
  'la',
  'lo',
  'opcion',
  'numero',
]);
const TRAILING_FILLERS = new Set([
  'one',
  'option',
  'opcion',
  'please',
  'pls',
  'thanks',
  'thank',
  'you',
  'gracias',
]);
const TRAILING_PHRASES = /(?: por favor| thank you)$/;

// Words that say nothing about which option is meant.
const STOPWORDS = new Set(
  (
    'a an the i im me my to for of and or please pls want would like id is its it thanks ' +
    'choose pick option un una el la los las lo yo soy mi mis de del al y o por favor ' +
    'quiero gracias es opcion elijo prefiero'
  ).split(' '),
);
const NEGATIONS = new Set(['not', 'no', 'dont', 'never', 'nunca', 'ni', 'tampoco', 'isnt']);

/**
 * The value of the option `reply` picks among `options` (numbered from 1, as
 * `renderSms` shows them), or undefined when it picks none or could mean several.
 */
export function pickOption(reply: string, options: readonly SmsOption[]): string | undefined {
  const folded = foldReply(reply.replace(NUMBER_SIGNS, ' ')).replace(TRAILING_PHRASES, '');
  if (folded === '' || options.length === 0) return undefined;

  const numbered = numberOptions(options);
  // A title may itself start with a number ("2 weeks"): the whole title is the best evidence.
  const exact = exactMatches(folded, numbered);
  if (exact.length > 0) return exact.length === 1 ? exact[0]!.value : undefined;

  const words = folded.split(' ');
  const [number, rest] = leadingNumber(words);
  if (number === undefined) return matchByWords(words, numbered)?.value;

  const option = numbered[number - 1];
  if (!option) return undefined;
  // "2 Caregiver": the words must name the same option the number does.
  if (rest.length > 0 && matchByWords(rest, numbered) !== option) return undefined;

  return option.value;
}

/** The number a reply starts with, once fillers are set aside, and the words after it. */
function leadingNumber(words: readonly string[]): [number | undefined, string[]] {
  let start = 0;
  while (start < words.length - 1 && LEADING_FILLERS.has(words[start]!)) start++;
  let end = words.length;
  while (end - 1 > start && TRAILING_FILLERS.has(words[end - 1]!)) end--;

  const number = numberOf(words[start]!);
  if (number === undefined) return [undefined, []];

  return [number, words.slice(start + 1, end)];
}

function numberOf(word: string): number | undefined {
  const digits = DIGITS.exec(word);
  if (digits) return Number(digits[1]);

  return NUMBER_WORDS[word];
}

/**
 * The option the words name, best evidence first: the whole title; then a title all of whose
 * words the reply holds (the one with most words, when several); then a reply all of whose
 * words one title holds. An option whose title lacks a negation the reply has is never named.
 */
function matchByWords(
  words: readonly string[],
  options: readonly NumberedOption[],
): NumberedOption | undefined {
  const exact = exactMatches(words.join(' '), options);
  if (exact.length > 0) return exact.length === 1 ? exact[0] : undefined;

  const replyWords = contentWords(words);
  const candidates = options
    .map((option) => ({ option, title: contentWords(foldReply(option.title).split(' ')) }))
    .filter(({ title }) => !negatesTitle(words, title));
  const named = candidates.filter(
    ({ title }) => title.length > 0 && title.every((w) => replyWords.includes(w)),
  );
  if (named.length > 0) return unlessOthersNamed(longestTitle(named), replyWords, candidates);

  const within = candidates.filter(
    ({ title }) => replyWords.length > 0 && replyWords.every((w) => title.includes(w)),
  );
  return within.length === 1 ? within[0]!.option : undefined;
}

type Candidate = { option: NumberedOption; title: string[] };

/** The candidate with strictly the most title words, or undefined on a tie. */
function longestTitle(named: readonly Candidate[]): Candidate | undefined {
  const most = Math.max(...named.map(({ title }) => title.length));
  const longest = named.filter(({ title }) => title.length === most);
  return longest.length === 1 ? longest[0] : undefined;
}

/** `best`'s option, unless the reply's other words point at another option ("data profile"). */
function unlessOthersNamed(
  best: Candidate | undefined,
  replyWords: readonly string[],
  candidates: readonly Candidate[],
): NumberedOption | undefined {
  if (!best) return undefined;

  const others = candidates.filter((candidate) => candidate !== best);
  const leftover = replyWords.filter((word) => !best.title.includes(word));
  const pointsElsewhere = leftover.some((word) => others.some(({ title }) => title.includes(word)));
  return pointsElsewhere ? undefined : best.option;
}

function exactMatches(folded: string, options: readonly NumberedOption[]): NumberedOption[] {
  return options.filter((option) => foldReply(option.title) === folded);
}

/** Words that tell options apart, with a plural "s" dropped; all words if none are left. */
function contentWords(words: readonly string[]): string[] {
  const content = words.filter((word) => word !== '' && !STOPWORDS.has(word));
  return (content.length > 0 ? content : words.filter(Boolean)).map(singular);
}

function singular(word: string): string {
  return word.length > 3 && word.endsWith('s') && !word.endsWith('ss') ? word.slice(0, -1) : word;
}

function negatesTitle(replyWords: readonly string[], titleWords: readonly string[]): boolean {
  return replyWords.some((word) => NEGATIONS.has(word) && !titleWords.includes(word));
}
