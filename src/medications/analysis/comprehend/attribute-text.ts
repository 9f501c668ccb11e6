/**
 * Minimal readers for the attribute texts Comprehend Medical returns (STRENGTH “20 mg”,
 * DOSAGE “2 tablets”, ROUTE_OR_MODE “by mouth”, DURATION “for 5 days”). Comprehend finds the
 * words but does not normalise them; richer reading is left to the injected details parser.
 */
import type { DoseAmount, Strength } from '../medical-text-analyzer.js';
import { COUNT_PATTERN, readCount } from './count-words.js';

const DAYS_PER_WEEK = 7;

// Longer spellings first, so 'mg/ml' is not read as 'mg' and 'grams' not as 'g'.
const STRENGTH_UNITS: readonly [string, string][] = [
  ['mg/ml', 'mg/ml'],
  ['milligrams?', 'mg'],
  ['mg', 'mg'],
  ['micrograms?', 'mcg'],
  ['mcg', 'mcg'],
  ['µg', 'mcg'],
  ['ug', 'mcg'],
  ['grams?', 'g'],
  ['g', 'g'],
  ['millilit(?:er|re)s?', 'ml'],
  ['ml', 'ml'],
  ['units?', 'units'],
  ['iu', 'units'],
  ['%', '%'],
];

const AMOUNT_PATTERN = '\\d{1,3}(?:,\\d{3})+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?';
const UNIT_PATTERN = STRENGTH_UNITS.map(([spelling]) => spelling).join('|');
const STRENGTH_PATTERN = new RegExp(`(${AMOUNT_PATTERN})\\s*(${UNIT_PATTERN})(?![a-z])`);

const DOSE_FORMS: readonly [RegExp, string][] = [
  [/\b(tablets?|tabs?)\b/, 'tablet'],
  [/\b(capsules?|caps?)\b/, 'capsule'],
  [/\b(ml|millilit(?:er|re)s?)\b/, 'ml'],
  [/\bdrops?\b/, 'drop'],
  [/\bpuffs?\b/, 'puff'],
  [/\bpatch(?:es)?\b/, 'patch'],
  [/\b(injections?|shots?)\b/, 'injection'],
];

const ROUTES: readonly [RegExp, string][] = [
  [/\b(by mouth|orally|oral|p\.?o\.?|swallowed)\b/, 'oral'],
  [/\b(sublingual(?:ly)?|under the tongue)\b/, 'sublingual'],
  [/\b(subcutaneous(?:ly)?|sub-?q|s\.?c\.?|under the skin)\b/, 'subcutaneous'],
  [/\b(intravenous(?:ly)?|i\.?v\.?|infusion|drip)\b/, 'intravenous'],
  [/\b(inhaled?|inhaler|inhalation)\b/, 'inhaled'],
  [/\b(rectal(?:ly)?|suppository)\b/, 'rectal'],
  [/\b(transdermal(?:ly)?|patch)\b/, 'transdermal'],
  [/\b(topical(?:ly)?|on the skin)\b/, 'topical'],
];

const DURATION_PATTERN = new RegExp(`\\b(${COUNT_PATTERN})\\s+(days?|weeks?)\\b`);
// A count standing alone: “1/2 tablet” is not read as 1 or 2 tablets.
const DOSE_COUNT_PATTERN = new RegExp(`(?:^|[^a-z0-9./])(${COUNT_PATTERN})(?![a-z0-9/]|\\.\\d)`);

/**
 * Reads a strength such as “20 mg”, “1500mg”, “1,500 mg” or “0.5 micrograms”.
 * Commas are thousands separators: this reader only sees English text.
 */
export function readStrength(text: string): Strength | undefined {
  const match = STRENGTH_PATTERN.exec(text.toLowerCase());
  if (!match?.[1] || !match[2]) return undefined;

  const unitSpelling = match[2];
  const unit = STRENGTH_UNITS.find(([spelling]) => new RegExp(`^${spelling}$`).test(unitSpelling));
  return unit && { value: Number(match[1].replaceAll(',', '')), unit: unit[1] };
}

/**
 * Reads how much is taken at a time (“2 tablets”, “one capsule”). Comprehend sometimes puts
 * the count in DOSAGE and the form in FORM (“2” + “tablets”), so the form may come apart.
 */
export function readDoseAmount(dosage: string, form = ''): DoseAmount | undefined {
  const count = DOSE_COUNT_PATTERN.exec(dosage.toLowerCase())?.[1];
  const value = count === undefined ? undefined : readCount(count);
  const formName = readDoseForm(dosage) ?? readDoseForm(form);
  if (value === undefined || formName === undefined) return undefined;

  return { value, form: formName };
}

function readDoseForm(text: string): string | undefined {
  const lower = text.toLowerCase();
  return DOSE_FORMS.find(([pattern]) => pattern.test(lower))?.[1];
}

/** Reads a route such as “by mouth” → 'oral', “under the skin” → 'subcutaneous'. */
export function readRoute(text: string): string | undefined {
  const lower = text.toLowerCase();
  return ROUTES.find(([pattern]) => pattern.test(lower))?.[1];
}

/**
 * Reads a duration in days (“for 5 days” → 5, “for two weeks” → 14). Months are left out on
 * purpose: their length depends on the calendar, which the details parser knows.
 */
export function readDurationDays(text: string): number | undefined {
  const match = DURATION_PATTERN.exec(text.toLowerCase());
  const count = match?.[1] === undefined ? undefined : readCount(match[1]);
  if (count === undefined || !match?.[2]) return undefined;

  return match[2].startsWith('week') ? count * DAYS_PER_WEEK : count;
}
