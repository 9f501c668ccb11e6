/**
 * The words for strength units and dose forms in English and Spanish, each mapped to the one
 * standard form `Strength.unit` and `DoseAmount.form` use. Regular-expression sources expect
 * normalized text (lower case, no diacritics; NFKC has turned 'µ' into 'μ').
 */

const STRENGTH_UNIT_WORDS: Readonly<Record<string, string>> = {
  mg: 'mg',
  mgs: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  miligramo: 'mg',
  miligramos: 'mg',
  mcg: 'mcg',
  mcgs: 'mcg',
  μg: 'mcg',
  ug: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  microgramo: 'mcg',
  microgramos: 'mcg',
  g: 'g',
  gr: 'g',
  gram: 'g',
  grams: 'g',
  gramo: 'g',
  gramos: 'g',
  ml: 'ml',
  mls: 'ml',
  cc: 'ml',
  milliliter: 'ml',
  milliliters: 'ml',
  millilitre: 'ml',
  millilitres: 'ml',
  mililitro: 'ml',
  mililitros: 'ml',
  unit: 'units',
  units: 'units',
  unidad: 'units',
  unidades: 'units',
  iu: 'units',
  ui: 'units',
  meq: 'meq',
  '%': '%',
};

const PER_UNIT_WORDS: Readonly<Record<string, string>> = {
  ml: 'ml',
  cc: 'ml',
  h: 'h',
  hr: 'h',
  hour: 'h',
  hora: 'h',
  kg: 'kg',
};

const DOSE_FORM_WORDS: Readonly<Record<string, string>> = {
  tablet: 'tablet',
  tablets: 'tablet',
  tab: 'tablet',
  tabs: 'tablet',
  pill: 'tablet',
  pills: 'tablet',
  caplet: 'tablet',
  caplets: 'tablet',
  comprimido: 'tablet',
  comprimidos: 'tablet',
  pastilla: 'tablet',
  pastillas: 'tablet',
  tableta: 'tablet',
  tabletas: 'tablet',
  gragea: 'tablet',
  grageas: 'tablet',
  capsule: 'capsule',
  capsules: 'capsule',
  cap: 'capsule',
  caps: 'capsule',
  capsula: 'capsule',
  capsulas: 'capsule',
  drop: 'drop',
  drops: 'drop',
  gota: 'drop',
  gotas: 'drop',
  puff: 'puff',
  puffs: 'puff',
  inhalation: 'puff',
  inhalations: 'puff',
  inhalacion: 'puff',
  inhalaciones: 'puff',
  patch: 'patch',
  patches: 'patch',
  parche: 'patch',
  parches: 'patch',
  injection: 'injection',
  injections: 'injection',
  shot: 'injection',
  shots: 'injection',
  inyeccion: 'injection',
  inyecciones: 'injection',
  pinchazo: 'injection',
  pinchazos: 'injection',
  sachet: 'sachet',
  sachets: 'sachet',
  packet: 'sachet',
  packets: 'sachet',
  sobre: 'sachet',
  sobres: 'sachet',
  suppository: 'suppository',
  suppositories: 'suppository',
  supositorio: 'suppository',
  supositorios: 'suppository',
  spray: 'spray',
  sprays: 'spray',
  pulverizacion: 'spray',
  pulverizaciones: 'spray',
  teaspoon: 'teaspoon',
  teaspoons: 'teaspoon',
  tsp: 'teaspoon',
  cucharadita: 'teaspoon',
  cucharaditas: 'teaspoon',
  tablespoon: 'tablespoon',
  tablespoons: 'tablespoon',
  tbsp: 'tablespoon',
  cucharada: 'tablespoon',
  cucharadas: 'tablespoon',
  lozenge: 'lozenge',
  lozenges: 'lozenge',
  troche: 'lozenge',
  troches: 'lozenge',
};

/** Dose forms counted one by one, where more than a handful at once is implausible. */
export const COUNTED_FORMS: ReadonlySet<string> = new Set([
  'tablet',
  'capsule',
  'patch',
  'injection',
  'sachet',
  'suppository',
  'lozenge',
]);

/** The route a dose form implies when the person named none. */
export const ROUTE_OF_FORM: Readonly<Record<string, string>> = {
  tablet: 'oral',
  capsule: 'oral',
  sachet: 'oral',
  teaspoon: 'oral',
  tablespoon: 'oral',
  patch: 'transdermal',
  suppository: 'rectal',
  puff: 'inhaled',
  injection: 'subcutaneous',
};

function alternation(words: Iterable<string>): string {
  // No unit or form word holds a regular-expression metacharacter ('%' is not one).
  return [...words].sort((a, b) => b.length - a.length).join('|');
}

/** Any strength unit word, e.g. "mg", "miligramos", "%". */
export const STRENGTH_UNIT = `(?:${alternation(Object.keys(STRENGTH_UNIT_WORDS))})`;

/** The denominator unit of a concentration or rate: "ml" in mg/ml, "h" in mcg/h. */
export const PER_UNIT = `(?:${alternation(Object.keys(PER_UNIT_WORDS))})`;

/** Any dose form word, e.g. "tablets", "comprimidos", "puff". */
export const DOSE_FORM = `(?:${alternation(Object.keys(DOSE_FORM_WORDS))})`;

/** The standard unit for a unit word; undefined when unknown. */
export function standardUnit(word: string): string | undefined {
  return STRENGTH_UNIT_WORDS[word];
}

/** The standard denominator unit for a word; undefined when unknown. */
export function standardPerUnit(word: string): string | undefined {
  return PER_UNIT_WORDS[word];
}

/** The standard, singular dose form for a word; undefined when unknown. */
export function standardDoseForm(word: string): string | undefined {
  return DOSE_FORM_WORDS[word];
}
