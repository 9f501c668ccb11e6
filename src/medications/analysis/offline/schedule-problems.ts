/**
 * Flags amounts that cannot be right, so the dialog asks instead of saving them: more than
 * MAX_UNITS_PER_DOSE tablets (or capsules, patches…) at once, and strengths of zero or over
 * MAX_STRENGTH_MG (10 g) written in mg or mcg, or in grams of tablets or capsules. Infusions
 * (high-dose methotrexate) and powders in grams (MiraLAX 17 g) are left alone. Schedule
 * problems (intervals, times a day, cycles) are flagged by their own parsers.
 */
import type { AnalysisProblem, DoseAmount, Strength } from '../medical-text-analyzer.js';
import { COUNTED_FORMS } from './units.js';

/** Most tablets, capsules, patches… taken at one time before the dose is implausible. */
export const MAX_UNITS_PER_DOSE = 10;
/** Largest plausible single strength outside an infusion, in milligrams (10 g). */
export const MAX_STRENGTH_MG = 10_000;

const SOLID_FORMS: ReadonlySet<string> = new Set(['tablet', 'capsule']);
const MG_PER_UNIT: Readonly<Record<string, number>> = { g: 1000, mg: 1, mcg: 0.001 };

/** Problems with the amounts read; empty when they are plausible. */
export function findAmountProblems(
  strength: Strength | undefined,
  dose: DoseAmount | undefined,
  route: string | undefined,
): AnalysisProblem[] {
  const problems: AnalysisProblem[] = [];
  if (dose && COUNTED_FORMS.has(dose.form) && dose.value > MAX_UNITS_PER_DOSE) {
    problems.push('too_many_units');
  }
  if (strength && isImplausibleStrength(strength, dose, route)) {
    problems.push('strength_implausible');
  }

  return problems;
}

function isImplausibleStrength(
  strength: Strength,
  dose: DoseAmount | undefined,
  route: string | undefined,
): boolean {
  if (strength.value <= 0) return true;

  const massUnit = strength.unit.split('/')[0] ?? '';
  const mgPerUnit = MG_PER_UNIT[massUnit];
  if (mgPerUnit === undefined || route === 'intravenous') return false;
  // Grams of a powder are real ("MiraLAX 17 g"); grams of tablets, or 10,000+ mg, are not.
  const solidOrSmallUnit = massUnit !== 'g' || (dose !== undefined && SOLID_FORMS.has(dose.form));

  return solidOrSmallUnit && strength.value * mgPerUnit > MAX_STRENGTH_MG;
}
