/**
 * How a person answers "what strength?" and "how much at a time?" when they correct a
 * medication or are asked part by part: "20 mg", "1,5 mg", "2 tablets", "una pastilla",
 * "half a tablet". Units and forms come out in the analyzers' standard spelling.
 */
import type { DoseAmount, Strength } from '../../src/medications/analysis/medical-text-analyzer.js';
import { normalizeAnswer } from '../shared/text.js';

const UNIT_WORDS: Record<string, string> = {
  mg: 'mg',
  milligram: 'mg',
  milligrams: 'mg',
  miligramo: 'mg',
  miligramos: 'mg',
  mcg: 'mcg',
  ug: 'mcg',
  // The micro sign reads as the Greek letter once normalised.
  μg: 'mcg',
  microgram: 'mcg',
  micrograms: 'mcg',
  microgramo: 'mcg',
  microgramos: 'mcg',
  g: 'g',
  gram: 'g',
  grams: 'g',
  gramo: 'g',
  gramos: 'g',
  ml: 'ml',
  'mg/ml': 'mg/ml',
  unit: 'units',
  units: 'units',
  unidad: 'units',
  unidades: 'units',
  iu: 'units',
  ui: 'units',
  '%': '%',
};

const FORM_WORDS: Record<string, string> = {
  tablet: 'tablet',
  tablets: 'tablet',
  tab: 'tablet',
  tabs: 'tablet',
  pill: 'tablet',
  pills: 'tablet',
  comprimido: 'tablet',
  comprimidos: 'tablet',
  pastilla: 'tablet',
  pastillas: 'tablet',
  tableta: 'tablet',
  tabletas: 'tablet',
  capsule: 'capsule',
  capsules: 'capsule',
  cap: 'capsule',
  caps: 'capsule',
  capsula: 'capsule',
  capsulas: 'capsule',
  ml: 'ml',
  drop: 'drop',
  drops: 'drop',
  gota: 'drop',
  gotas: 'drop',
  puff: 'puff',
  puffs: 'puff',
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
};

const NUMBER_WORDS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  half: 0.5,
  'half a': 0.5,
  'half an': 0.5,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  medio: 0.5,
  media: 0.5,
};

const DECIMAL = String.raw`\d+(?:[.,]\d+)?`;
const STRENGTH_PATTERN = new RegExp(String.raw`^(${DECIMAL})\s*([\p{L}%/]+)?$`, 'u');
const DOSE_PATTERN = new RegExp(
  String.raw`^(${DECIMAL}|1/2|[a-z]+(?: an?)?)\s*(?:of )?([a-z]+)?$`,
  'u',
);

/**
 * The strength in `text` ("20 mg", "1,5mg", "100 unidades"). A bare number takes
 * `currentUnit` when there is one. Undefined when it is not a strength.
 */
export function parseStrength(text: string, currentUnit?: string): Strength | undefined {
  const match = STRENGTH_PATTERN.exec(normalizeAnswer(text));
  if (!match) return undefined;

  const value = parseDecimal(match[1]!);
  const unit = match[2] === undefined ? currentUnit : UNIT_WORDS[match[2]];
  return unit ? { value, unit } : undefined;
}

/**
 * How much is taken at once ("2 tablets", "una pastilla", "half a tablet", "5 ml"). A bare
 * number keeps `currentForm` when there is one. Undefined when it is not an amount.
 */
export function parseDoseAmount(text: string, currentForm?: string): DoseAmount | undefined {
  const match = DOSE_PATTERN.exec(normalizeAnswer(text));
  if (!match) return undefined;

  const value = parseAmount(match[1]!);
  const form = match[2] === undefined ? currentForm : FORM_WORDS[match[2]];
  return value !== undefined && form ? { value, form } : undefined;
}

function parseAmount(text: string): number | undefined {
  if (text === '1/2') return 0.5;
  if (/^\d/.test(text)) return parseDecimal(text);

  return NUMBER_WORDS[text];
}

/** "1,5" and "1.5" both read as one and a half. */
function parseDecimal(text: string): number {
  return Number(text.replace(',', '.'));
}
