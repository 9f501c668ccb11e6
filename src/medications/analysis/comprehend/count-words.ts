/**
 * Small English counts as people write them in medication instructions (“two tablets”,
 * “twice a day”, “for a week”). Comprehend Medical reads English only, so no Spanish here.
 */

const COUNT_WORDS: Readonly<Record<string, number>> = {
  half: 0.5,
  a: 1,
  an: 1,
  one: 1,
  once: 1,
  two: 2,
  twice: 2,
  three: 3,
  thrice: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

/** Pattern for one count: digits (with a decimal point) or one of the count words. */
export const COUNT_PATTERN = `\\d+(?:\\.\\d+)?|${Object.keys(COUNT_WORDS).join('|')}`;

/**
 * Reads a count written as digits or as a word.
 * @returns the number, or undefined when the token is not a count
 */
export function readCount(token: string): number | undefined {
  const lower = token.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(lower)) return Number(lower);

  return COUNT_WORDS[lower];
}
