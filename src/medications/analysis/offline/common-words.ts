/**
 * English and Spanish words (and first names) one typo away from a drug name in the lexicon.
 * They must never be read as that drug: "tambien" is not Ambien, "revista" is not Evista.
 *
 * The list came from running every word of six letters or more in the Debian `wamerican` and
 * `wspanish` word lists through the typo matcher and keeping the real words; misspellings of the
 * drug itself ("methadon", "tramador") were left out on purpose. Rerun that check after adding
 * names to the lexicon.
 */

const COMMON_WORDS: ReadonlySet<string> = new Set([
  'ambient',
  'aspiring',
  'astral',
  'augmenting',
  'austral',
  'bactria',
  'calafate',
  'celebre',
  'cierro',
  'circadian',
  'cometa',
  'compra',
  'concert',
  'concertar',
  'concerti',
  'concerto',
  'concerts',
  'concetta',
  'concreta',
  'cortes',
  'cortex',
  'cortez',
  'elites',
  'enclose',
  'femora',
  'fierro',
  'hydrae',
  'jurista',
  'levant',
  'liliana',
  'lirica',
  'liviana',
  'lyrical',
  'lyrics',
  'marino',
  'marisol',
  'menace',
  'morrina',
  'motriz',
  'platino',
  'prolija',
  'prolix',
  'propia',
  'puritan',
  'raglan',
  'recast',
  'reflex',
  'reglar',
  'remero',
  'revista',
  'solace',
  'tambien',
  'ultras',
  'vandal',
  'verged',
  'verses',
  'versatil',
]);

/** True when folded `word` is a common word that must not be matched to a drug by typo. */
export function isCommonWord(word: string): boolean {
  return COMMON_WORDS.has(word);
}
