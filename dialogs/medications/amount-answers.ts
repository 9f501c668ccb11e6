/**
 * How a person answers "what strength?" and "how much at a time?" when they correct a
 * medication or are asked part by part: "20 mg", "1,5 mg", "2 mg/ml", "2 tablets", "una
 * pastilla", "half a tablet". Numbers, unit words and dose forms are read by the offline
 * analyzer's own tables, so an answer means what the same words mean in a description.
 */
import type {
  AnalysisLanguage,
  DoseAmount,
  Strength,
} from '../../src/medications/analysis/medical-text-analyzer.js';
import {
  AMOUNT,
  DIGITS,
  parseDigits,
  parseNumber,
} from '../../src/medications/analysis/offline/numbers.js';
import {
  standardDoseForm,
  standardPerUnit,
  standardUnit,
} from '../../src/medications/analysis/offline/units.js';
import { normalizeAnswer } from '../shared/text.js';

// Digits, then a unit that may be a concentration ("mg/ml"); a bare number has no unit.
const STRENGTH_ANSWER = new RegExp(
  String.raw`^(${DIGITS})\s*(?:([\p{L}%]+)(?:\s*/\s*(\p{L}+))?)?$`,
  'u',
);
const DOSE_ANSWER = new RegExp(String.raw`^(${AMOUNT})\s*(?:of\s+)?(\p{L}+)?$`, 'u');

/**
 * The strength in `text` ("20 mg", "1,5mg", "100 unidades", "2 mg/ml"), its digits read as
 * `language` writes them. A bare number takes `currentUnit` when there is one. Undefined when
 * it is not a strength.
 */
export function parseStrength(
  text: string,
  language: AnalysisLanguage,
  currentUnit?: string,
): Strength | undefined {
  const match = STRENGTH_ANSWER.exec(normalizeAnswer(text));
  if (!match) return undefined;

  const [, digits = '', unitWord, perWord] = match;
  const value = parseDigits(digits, language);
  const unit = unitWord === undefined ? currentUnit : unitOf(unitWord, perWord);
  return value !== undefined && unit ? { value, unit } : undefined;
}

/**
 * How much is taken at once ("2 tablets", "una pastilla", "half a tablet", "5 ml"), its
 * number read as `language` writes it. A bare number keeps `currentForm` when there is one.
 * Undefined when it is not an amount.
 */
export function parseDoseAmount(
  text: string,
  language: AnalysisLanguage,
  currentForm?: string,
): DoseAmount | undefined {
  const match = DOSE_ANSWER.exec(normalizeAnswer(text));
  if (!match) return undefined;

  const [, amount = '', formWord] = match;
  const value = parseNumber(amount, language);
  const form = formWord === undefined ? currentForm : doseFormOf(formWord);
  return value !== undefined && form ? { value, form } : undefined;
}

/** "mg", or "mg/ml" for a concentration, the way the analyzers write units. */
function unitOf(unitWord: string, perWord: string | undefined): string | undefined {
  const unit = standardUnit(unitWord);
  if (!unit || perWord === undefined) return unit;

  const perUnit = standardPerUnit(perWord);
  return perUnit && `${unit}/${perUnit}`;
}

// A volume taken ("5 ml") is a dose in millilitres, as the analyzers record it.
function doseFormOf(word: string): string | undefined {
  return standardDoseForm(word) ?? (standardUnit(word) === 'ml' ? 'ml' : undefined);
}
