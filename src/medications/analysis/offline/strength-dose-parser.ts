/**
 * Reads how strong a medication is ("20 mg", "1500mg", "1,5 mg", "10 mg/5 ml", "25 mcg/h") and
 * how much is taken at a time ("2 tablets", "one pill", "half a tablet", "dos comprimidos",
 * "20 gotas"). A volume is the strength when nothing else is ("lactulose 15 ml"), and the dose
 * when a strength came first ("morphine 10 mg/5 ml, 2.5 ml").
 */
import type { AnalysisLanguage, DoseAmount, Strength } from '../medical-text-analyzer.js';
import { AMOUNT, DIGITS, parseDigits, parseNumber } from './numbers.js';
import type { TextScan } from './text-scan.js';
import {
  DOSE_FORM,
  PER_UNIT,
  STRENGTH_UNIT,
  standardDoseForm,
  standardPerUnit,
  standardUnit,
} from './units.js';

export interface StrengthAndDose {
  strength?: Strength;
  dose?: DoseAmount;
}

const STRENGTH = new RegExp(
  String.raw`(?<![\p{L}\p{N}.,])(${DIGITS})\s*(${STRENGTH_UNIT})(?:\s*(?:/|per|por)\s*(\d+(?:[.,]\d+)?)?\s*(${PER_UNIT}))?(?![\p{L}\p{N}])`,
  'gu',
);
const DOSE = new RegExp(
  String.raw`(?<![\p{L}\p{N}./])(${AMOUNT})\s*(?:x\s*)?(?:(?:more|mas|extra)\s+)?(${DOSE_FORM})(?![\p{L}])`,
  'gu',
);

/** Reads the first strength and the first dose amount in `scan`, taking their words. */
export function readStrengthAndDose(scan: TextScan, language: AnalysisLanguage): StrengthAndDose {
  const quantities = scan
    .takeAll(STRENGTH)
    .map((match) => toStrength(match.groups, language))
    .filter((quantity): quantity is Strength => quantity !== undefined);
  const strength = quantities[0];
  const volumeDose = strength && strength.unit !== 'ml' && quantities.find(isPlainVolume);
  const dose =
    readDose(scan, language) ?? (volumeDose ? { value: volumeDose.value, form: 'ml' } : undefined);

  return { ...(strength && { strength }), ...(dose && { dose }) };
}

function toStrength(
  groups: readonly (string | undefined)[],
  language: AnalysisLanguage,
): Strength | undefined {
  const [, amount = '', unitWord = '', perAmount, perWord] = groups;
  const value = parseDigits(amount, language);
  const unit = standardUnit(unitWord);
  if (value === undefined || unit === undefined) return undefined;

  const perUnit = perWord ? standardPerUnit(perWord) : undefined;
  if (!perUnit) return { value, unit };

  // "10 mg/5 ml" is stated per ml, so every concentration reads the same way.
  const per = perAmount ? parseDigits(perAmount, language) : 1;
  if (!per) return { value, unit: `${unit}/${perUnit}` };

  return { value: roundTo4(value / per), unit: `${unit}/${perUnit}` };
}

function isPlainVolume(quantity: Strength): boolean {
  return quantity.unit === 'ml';
}

function readDose(scan: TextScan, language: AnalysisLanguage): DoseAmount | undefined {
  const match = scan.take(DOSE);
  if (!match) return undefined;

  const [, amount = '', formWord = ''] = match.groups;
  const value = parseNumber(amount, language);
  const form = standardDoseForm(formWord);
  if (value === undefined || form === undefined) return undefined;

  return { value, form };
}

function roundTo4(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}
