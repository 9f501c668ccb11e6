/**
 * Combines what DetectEntitiesV2 and InferRxNorm found in one text into one
 * MedicationUnderstanding per medication name (generic or brand), in the order written.
 */
import type { Entity, RxNormEntity } from '@aws-sdk/client-comprehendmedical';
import type { AnalysisLanguage, MedicationUnderstanding } from '../medical-text-analyzer.js';
import { detailsFromAttributes, mergeDetails, type DetailsParser } from './medication-details.js';
import { genericNameFromDescription, pickTrustedConcept } from './rxnorm-concepts.js';

const NAME_TYPES = new Set(['GENERIC_NAME', 'BRAND_NAME']);
/** Below this score a NEGATION trait (“I stopped taking …”) is not trusted. */
const MIN_TRAIT_SCORE = 0.5;

/** What both calls returned for one text. */
export interface ComprehendFindings {
  entities: readonly Entity[];
  rxNormEntities: readonly RxNormEntity[];
}

export interface ReadMedicationsOptions {
  language: AnalysisLanguage;
  parseDetails?: DetailsParser;
}

/** True when Comprehend saw any medication name at all, negated or not. */
export function mentionsMedication(findings: ComprehendFindings): boolean {
  return findings.entities.some(isMedicationName);
}

/**
 * One understanding per medication name the person says they take. Names under a trusted
 * NEGATION trait are left out; PAST_HISTORY is kept, since the person confirms each one.
 */
export function readMedications(
  text: string,
  findings: ComprehendFindings,
  options: ReadMedicationsOptions,
): MedicationUnderstanding[] {
  const names = findings.entities
    .filter((entity) => isMedicationName(entity) && !isNegated(entity))
    .sort((a, b) => (a.BeginOffset ?? 0) - (b.BeginOffset ?? 0));
  return names.map((entity, index) => {
    const rxNormEntity = findRxNormEntity(entity, findings.rxNormEntities);
    const base = detailsFromAttributes(entity.Attributes ?? []);
    const describing = describingText(text, entity, names[index + 1]);
    const details = options.parseDetails
      ? mergeDetails(base, options.parseDetails(describing, options.language))
      : base;
    return { ...identify(entity, rxNormEntity), ...details };
  });
}

function isMedicationName(entity: Entity): boolean {
  return (
    entity.Category === 'MEDICATION' && NAME_TYPES.has(entity.Type ?? '') && !!entity.Text?.trim()
  );
}

function isNegated(entity: Entity): boolean {
  return (entity.Traits ?? []).some(
    (trait) => trait.Name === 'NEGATION' && (trait.Score ?? 0) >= MIN_TRAIT_SCORE,
  );
}

/** The InferRxNorm entity over the same words: by offsets, else by the same text. */
function findRxNormEntity(
  entity: Entity,
  rxNormEntities: readonly RxNormEntity[],
): RxNormEntity | undefined {
  const { BeginOffset: begin, EndOffset: end } = entity;
  const overlapping = rxNormEntities.find(
    (rx) =>
      begin !== undefined &&
      end !== undefined &&
      rx.BeginOffset !== undefined &&
      rx.EndOffset !== undefined &&
      rx.BeginOffset < end &&
      begin < rx.EndOffset,
  );
  const sameText = (rx: RxNormEntity) =>
    rx.Text?.trim().toLowerCase() === entity.Text?.trim().toLowerCase();
  return overlapping ?? rxNormEntities.find(sameText);
}

type Identity = Pick<MedicationUnderstanding, 'name' | 'genericName' | 'rxNormId' | 'recognized'>;

/** The drug is recognized when InferRxNorm trusts a concept for it. */
function identify(entity: Entity, rxNormEntity: RxNormEntity | undefined): Identity {
  const name = (entity.Text ?? '').trim();
  const concept = pickTrustedConcept(rxNormEntity);
  if (!concept) return { name, recognized: false };

  return {
    name,
    genericName: genericNameFor(entity, concept.description),
    rxNormId: concept.code,
    recognized: true,
  };
}

function genericNameFor(entity: Entity, description: string | undefined): string | undefined {
  const written = (entity.Text ?? '').trim().toLowerCase();
  if (entity.Type === 'GENERIC_NAME') return written;

  const hint = description === undefined ? undefined : genericNameFromDescription(description);
  // A brand-name concept's description is the brand itself: no generic name to offer.
  return hint === written ? undefined : hint;
}

/**
 * The words about this medication: from its first related word (a frequency may come before
 * the name) up to the next medication's name. Comprehend's offsets count code points.
 */
function describingText(text: string, entity: Entity, next: Entity | undefined): string {
  const codePoints = Array.from(text);
  const starts = [entity, ...(entity.Attributes ?? [])]
    .map((part) => part.BeginOffset)
    .filter((offset): offset is number => offset !== undefined);
  const start = starts.length > 0 ? Math.min(...starts) : 0;
  const nextStart = next?.BeginOffset;
  const end = nextStart !== undefined && nextStart > start ? nextStart : codePoints.length;
  return codePoints.slice(start, end).join('').trim();
}
