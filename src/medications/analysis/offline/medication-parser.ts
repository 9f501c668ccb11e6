/**
 * Reads medications out of free text in English and Spanish, without any service: the text is
 * normalized, drugs are found in the bundled lexicon, the text is split into one stretch per
 * medication, and each stretch is read by the parsers in an order that keeps them apart:
 * cycle → dates → strength and dose → frequency → route → as-needed and reason.
 */
import type {
  AnalysisLanguage,
  AnalysisProblem,
  MedicationUnderstanding,
} from '../medical-text-analyzer.js';
import { readAsNeeded } from './as-needed-parser.js';
import { readCycle } from './cycle-parser.js';
import { readDates } from './date-parser.js';
import { findDrugMentions, type DrugMention } from './drug-lexicon.js';
import { readFrequency } from './frequency-parser.js';
import { splitIntoMedications, type MedicationSegment } from './medication-segments.js';
import { normalizeText } from './normalize-text.js';
import { readRoute } from './route-parser.js';
import { findAmountProblems } from './schedule-problems.js';
import { readStrengthAndDose } from './strength-dose-parser.js';
import { TextScan } from './text-scan.js';
import { ROUTE_OF_FORM } from './units.js';

/** Longest text read, in characters; the rest is ignored (people write a few hundred). */
export const MAX_TEXT_CHARS = 2_000;

/** What the parsers need besides the text. */
export interface ParseContext {
  /** The person's date, yyyy-mm-dd, for "starting Monday" and "for 5 days". */
  today: string;
  /** The person's language: decides "1,500" (en) against "1.500" (es) and 5/1 against 1/5. */
  language: AnalysisLanguage;
}

/** Everything understood about a medication except which drug it is. */
export type MedicationDetails = Omit<
  MedicationUnderstanding,
  'name' | 'genericName' | 'rxNormId' | 'recognized'
>;

type DrugIdentity = Pick<
  MedicationUnderstanding,
  'name' | 'genericName' | 'rxNormId' | 'recognized'
>;

/** Every medication in `text`, in order; empty when it names none. */
export function parseMedications(text: string, context: ParseContext): MedicationUnderstanding[] {
  const source = normalizeText(text.slice(0, MAX_TEXT_CHARS));
  const segments = splitIntoMedications(source.text, findDrugMentions(source.text));

  return segments.map((segment) => {
    const scan = new TextScan(source, segment.start, segment.end);
    const identity = identify(scan, segment);
    return { ...identity, ...readDetails(scan, context) };
  });
}

/**
 * The schedule and amounts in `text` with no drug name needed, for answers such as "twice a
 * day, 2 weeks on 1 week off" to a question about a medication already named.
 */
export function parseMedicationDetails(text: string, context: ParseContext): MedicationDetails {
  const source = normalizeText(text.slice(0, MAX_TEXT_CHARS));
  const scan = new TextScan(source);
  for (const mention of findDrugMentions(source.text)) scan.blank(mention.start, mention.end);

  return readDetails(scan, context);
}

function identify(scan: TextScan, segment: MedicationSegment): DrugIdentity {
  const offset = segment.start;
  for (const mention of segment.mentions) scan.blank(mention.start - offset, mention.end - offset);

  const mention = segment.mentions[0];
  if (mention) return identityOf(mention);

  const name = segment.name ?? { start: offset, end: offset };
  scan.blank(name.start - offset, name.end - offset);
  return { name: scan.quote(name.start - offset, name.end - offset), recognized: false };
}

function identityOf(mention: DrugMention): DrugIdentity {
  const { drug, spelling } = mention;
  return {
    name: spelling,
    genericName: drug.generic,
    ...(drug.rxNormId && { rxNormId: drug.rxNormId }),
    recognized: true,
  };
}

function readDetails(scan: TextScan, { today, language }: ParseContext): MedicationDetails {
  const cycleReading = readCycle(scan, language);
  const dates = readDates(scan, today, language);
  const { strength, dose } = readStrengthAndDose(scan, language);
  const schedule = readFrequency(scan, language);
  const route = readRoute(scan) ?? (dose && ROUTE_OF_FORM[dose.form]);
  const { asNeeded, reason } = readAsNeeded(scan);
  const cycle = cycleReading.cycle ?? schedule.cycle;
  const problems: AnalysisProblem[] = [
    ...cycleReading.problems,
    ...schedule.problems,
    ...findAmountProblems(strength, dose, route),
  ];

  return {
    ...(strength && { strength }),
    ...(dose && { dose }),
    ...(schedule.frequency && { frequency: schedule.frequency }),
    ...(route && { route }),
    ...(cycle && { cycle }),
    ...dates,
    asNeeded,
    ...(reason && { reason }),
    problems: [...new Set(problems)],
  };
}
