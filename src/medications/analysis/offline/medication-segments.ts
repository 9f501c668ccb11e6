/**
 * Splits a text that names several medications into one stretch each: "tamoxifen 20mg daily and
 * ondansetron 8mg as needed" → two. A stretch starts at each drug the lexicon knows, and at an
 * unknown name followed by a strength after "and", "y", a comma or a new line ("… and Zorblax
 * 10 mg"). Words before the first name ("Every morning I take tamoxifen") belong to it.
 *
 * Two names for one drug side by side ("Zofran (ondansetron)") are one medication, and a drug
 * named after "from", "with", "para", "por"… is context, not a medication ("nausea from
 * cisplatin").
 */
import type { DrugMention } from './drug-lexicon.js';
import { findLeadingName, type NameSpan } from './medication-name.js';
import { DOSE_FORM, STRENGTH_UNIT } from './units.js';

/** One medication's stretch of normalized text. */
export interface MedicationSegment {
  start: number;
  end: number;
  /** The drug named, then any other names for it ("Zofran (ondansetron)"); empty if unknown. */
  mentions: DrugMention[];
  /** Where an unknown drug's name sits, when `mentions` is empty. */
  name?: NameSpan;
}

interface SegmentStart {
  start: number;
  mentions: DrugMention[];
  name?: NameSpan;
}

const SEPARATOR = /[;\n+&]|,|\.(?=\s)|\b(?:and|plus|also|then|y|e|luego|mas|ademas)\b/g;
const STRENGTH_AHEAD = new RegExp(
  String.raw`^\s*[,:(-]?\s*\d+(?:[.,]\d+)?\s*${STRENGTH_UNIT}(?![\p{L}])`,
  'u',
);
const SAME_DRUG_GAP =
  /^[\s()[\],/:=-]*(?:or|o|aka|also\s+called|tambien\s+llamado)?[\s()[\],/:=-]*$/;
// "2 tablets of", "un comprimido de", "20 mg de": the drug is what is taken, not context.
const AMOUNT_OF = new RegExp(String.raw`(?:${DOSE_FORM}|${STRENGTH_UNIT}|\d)\s+(?:of|de)\s+$`);
const RELATION_BEFORE =
  /\b(?:from|after|with|by|caused\s+by|due\s+to|for|against|of|instead\s+of|de|del|por|tras|con|para|contra|despues\s+de|antes\s+de|en\s+vez\s+de)\s+(?:(?:the|my|el|la|los|las|mi|mis)\s+)?$/;

/** The medications' stretches of normalized `text`, in order; empty when no name is found. */
export function splitIntoMedications(
  text: string,
  mentions: readonly DrugMention[],
): MedicationSegment[] {
  const drugs = groupSameDrug(text, mentions).filter((group) => !isContext(text, group));
  const starts = [
    ...drugs.map((group) => ({ start: group[0]?.start ?? 0, mentions: group })),
    ...findUnknownStarts(text, drugs.flat()),
  ].sort((a, b) => a.start - b.start);
  const leading = findLeadingStart(text, starts, drugs.flat());

  return (leading ? [leading, ...starts] : starts).map((segmentStart, index, all) => ({
    ...segmentStart,
    // Words before the first name belong to the first medication.
    start: index === 0 ? 0 : segmentStart.start,
    end: all[index + 1]?.start ?? text.length,
  }));
}

function groupSameDrug(text: string, mentions: readonly DrugMention[]): DrugMention[][] {
  const groups: DrugMention[][] = [];
  for (const mention of mentions) {
    const group = groups[groups.length - 1];
    const previous = group?.[group.length - 1];
    const sameDrug = previous?.drug === mention.drug;
    if (
      group &&
      previous &&
      sameDrug &&
      SAME_DRUG_GAP.test(text.slice(previous.end, mention.start))
    ) {
      group.push(mention);
    } else {
      groups.push([mention]);
    }
  }
  return groups;
}

function isContext(text: string, group: readonly DrugMention[]): boolean {
  const start = group[0]?.start ?? 0;
  const before = text.slice(Math.max(0, start - 40), start);
  return RELATION_BEFORE.test(before) && !AMOUNT_OF.test(before);
}

function findUnknownStarts(text: string, known: readonly DrugMention[]): SegmentStart[] {
  const starts: SegmentStart[] = [];
  for (const separator of text.matchAll(SEPARATOR)) {
    const name = findLeadingName(text, (separator.index ?? 0) + separator[0].length);
    if (!name || overlapsAny(name, known) || !STRENGTH_AHEAD.test(text.slice(name.end))) continue;
    if (starts.some((start) => start.start === name.start)) continue;

    starts.push({ start: name.start, mentions: [], name });
  }
  return starts;
}

/** The unknown name at the very start, when the text does not open with a known drug. */
function findLeadingStart(
  text: string,
  starts: readonly SegmentStart[],
  known: readonly DrugMention[],
): SegmentStart | undefined {
  const firstStart = starts[0]?.start ?? text.length;
  const name = findLeadingName(text, 0, firstStart);
  if (!name || overlapsAny(name, known)) return undefined;

  return { start: 0, mentions: [], name };
}

function overlapsAny(span: NameSpan, mentions: readonly DrugMention[]): boolean {
  return mentions.some((mention) => mention.start < span.end && span.start < mention.end);
}
