/**
 * Choosing an RxNorm concept from InferRxNorm's candidates, and reading a generic name out of
 * its description (“capecitabine 500 MG Oral Tablet [Xeloda]” → capecitabine).
 */
import type { RxNormConcept, RxNormEntity } from '@aws-sdk/client-comprehendmedical';

/** Below this score InferRxNorm's best guess is not trusted: the drug counts as unknown. */
export const MIN_CONCEPT_SCORE = 0.5;

// Words that start the dose-form part of a description without a strength (“… Oral Tablet”).
const DOSE_FORM_WORDS = new Set([
  'oral',
  'tablet',
  'capsule',
  'injection',
  'injectable',
  'solution',
  'suspension',
  'topical',
  'transdermal',
  'extended',
  'delayed',
  'chewable',
  'pack',
]);

/** A concept InferRxNorm is confident about. */
export interface TrustedConcept {
  code: string;
  description?: string;
}

/**
 * The entity's top concept when its score is at least MIN_CONCEPT_SCORE. The top concept is
 * often a clinical drug (ingredient, strength and form) rather than the bare ingredient.
 */
export function pickTrustedConcept(entity: RxNormEntity | undefined): TrustedConcept | undefined {
  const top = topConcept(entity?.RxNormConcepts ?? []);
  if (!top?.Code || (top.Score ?? 0) < MIN_CONCEPT_SCORE) return undefined;

  return { code: top.Code, description: top.Description };
}

function topConcept(concepts: RxNormConcept[]): RxNormConcept | undefined {
  return concepts.reduce<RxNormConcept | undefined>(
    (best, concept) => ((concept.Score ?? 0) > (best?.Score ?? -1) ? concept : best),
    undefined,
  );
}

/**
 * The ingredient names at the start of an RxNorm description, lower-case, joined with ' / '
 * for combinations; undefined for descriptions that do not start with a name (packs).
 */
export function genericNameFromDescription(description: string): string | undefined {
  const withoutBrand = description.replace(/\s*\[[^\]]*\]\s*$/, '').trim();
  if (withoutBrand === '' || withoutBrand.startsWith('{')) return undefined;

  const ingredients = withoutBrand.split(' / ').map(leadingName);
  if (ingredients.some((name) => name === '')) return undefined;

  return ingredients.join(' / ');
}

function leadingName(part: string): string {
  const words = part.trim().split(/\s+/);
  const end = words.findIndex(
    (word) => /^\d/.test(word) || DOSE_FORM_WORDS.has(word.toLowerCase()),
  );
  return words
    .slice(0, end === -1 ? undefined : end)
    .join(' ')
    .toLowerCase();
}
