/**
 * The schedule and amount of one medication: first read from the attributes Comprehend
 * Medical related to it, then overlaid with what an injected details parser reads from the
 * person's own words (cycles, reasons and dates never come back as attributes).
 */
import type { Attribute } from '@aws-sdk/client-comprehendmedical';
import type { AnalysisLanguage, MedicationUnderstanding } from '../medical-text-analyzer.js';
import { readDoseAmount, readDurationDays, readRoute, readStrength } from './attribute-text.js';
import { readFrequency } from './frequency-text.js';

/** The parts of an understanding that are not about which drug it is. */
export type MedicationDetails = Omit<
  MedicationUnderstanding,
  'name' | 'genericName' | 'rxNormId' | 'recognized'
>;

/**
 * Reads schedule details from the part of the text that describes one medication, e.g.
 * “Xeloda 1500mg twice a day, 14 days on and 7 off”. Fields it returns win over the minimal
 * attribute reading; name, genericName, rxNormId and recognized are ignored.
 */
export type DetailsParser = (
  text: string,
  language: AnalysisLanguage,
) => Partial<MedicationUnderstanding>;

/** Below this score an attribute is not trusted to belong to its medication. */
const MIN_RELATIONSHIP_SCORE = 0.5;

const OVERLAID_FIELDS = [
  'strength',
  'dose',
  'frequency',
  'route',
  'cycle',
  'startDate',
  'endDate',
  'durationDays',
  'reason',
] as const satisfies readonly (keyof MedicationDetails)[];

/**
 * Reads DOSAGE, STRENGTH, FORM, FREQUENCY, ROUTE_OR_MODE and DURATION attributes. RATE is
 * skipped: infusion rates are set by the clinic, not kept for reminders.
 */
export function detailsFromAttributes(attributes: readonly Attribute[]): MedicationDetails {
  const related = attributes.filter(
    (attribute) => (attribute.RelationshipScore ?? 1) >= MIN_RELATIONSHIP_SCORE,
  );
  const textOf = (type: string) =>
    related
      .filter((attribute) => attribute.Type === type)
      .map((attribute) => attribute.Text ?? '')
      .join(' ');
  const dose = readDoseAmount(textOf('DOSAGE'), textOf('FORM'));
  // A DOSAGE such as “1500mg” is an amount per dose, which CareLine keeps as the strength.
  const strength =
    readStrength(textOf('STRENGTH')) ?? (dose ? undefined : readStrength(textOf('DOSAGE')));
  const { frequency, asNeeded, problems } = readFrequency(textOf('FREQUENCY'));
  const plausibleStrength = strength && strength.value > 0 ? strength : undefined;
  return {
    strength: plausibleStrength,
    dose,
    frequency,
    route: readRoute(textOf('ROUTE_OR_MODE')),
    durationDays: readDurationDays(textOf('DURATION')),
    asNeeded,
    problems: strength && !plausibleStrength ? [...problems, 'strength_implausible'] : problems,
  };
}

/** Overlays what the details parser read; problems add up, `asNeeded` holds if either says so. */
export function mergeDetails(
  base: MedicationDetails,
  parsed: Partial<MedicationUnderstanding>,
): MedicationDetails {
  const merged: MedicationDetails = { ...base };
  for (const field of OVERLAID_FIELDS) {
    if (parsed[field] !== undefined) Object.assign(merged, { [field]: parsed[field] });
  }
  merged.asNeeded = base.asNeeded || parsed.asNeeded === true;
  merged.problems = [...new Set([...base.problems, ...(parsed.problems ?? [])])];
  return merged;
}
