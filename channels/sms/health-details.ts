/**
 * Minimum necessary on SMS: a text can be read on a lock screen or a shared phone, so unless
 * the person asked for details in their texts, the names of their diagnosis and of their
 * medicines are replaced by a neutral word before anything reaches Twilio.
 */
import type { Db } from '../../src/storage/database.js';

/** What a person's texts must not name, unless they opted in. */
export interface HealthTerms {
  /** True when the person asked for diagnosis and drug names in texts. */
  detailsAllowed: boolean;
  /** Words and phrases to hide: their cancer type's labels and their medicines' names. */
  terms: string[];
}

/** Reads what the person's texts must not name; `cancerTypeLabels` gives a type's labels. */
export async function healthTermsOf(
  db: Db,
  personId: string | null,
  cancerTypeLabels: (cancerType: string) => string[],
): Promise<HealthTerms> {
  if (!personId) return { detailsAllowed: false, terms: [] };

  const person = await db
    .selectFrom('people')
    .select(['cancer_type', 'sms_health_details'])
    .where('id', '=', personId)
    .executeTakeFirst();
  if (!person) return { detailsAllowed: false, terms: [] };
  if (person.sms_health_details) return { detailsAllowed: true, terms: [] };

  const medicines = await db
    .selectFrom('medications')
    .select(['name', 'generic_name'])
    .where('person_id', '=', personId)
    .execute();
  const terms = [
    ...(person.cancer_type && person.cancer_type !== 'other'
      ? cancerTypeLabels(person.cancer_type)
      : []),
    ...medicines.flatMap((medicine) => [medicine.name, medicine.generic_name ?? '']),
  ];
  return { detailsAllowed: false, terms: terms.filter((term) => term.trim().length >= 3) };
}

/**
 * `text` with every term (whole words, any case, accents or not) replaced by `placeholder`.
 * Longer terms go first, so "breast cancer" is hidden whole rather than leaving "cancer".
 */
export function hideHealthTerms(text: string, health: HealthTerms, placeholder: string): string {
  if (health.detailsAllowed || health.terms.length === 0) return text;

  const folded = fold(text);
  const hits: Array<{ start: number; end: number }> = [];
  for (const term of [...new Set(health.terms.map(fold))].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(term)}(?![\\p{L}\\p{N}])`, 'gu');
    for (const match of folded.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (!hits.some((hit) => start < hit.end && end > hit.start)) hits.push({ start, end });
    }
  }
  hits.sort((a, b) => b.start - a.start);
  let hidden = text;
  for (const hit of hits) hidden = hidden.slice(0, hit.start) + placeholder + hidden.slice(hit.end);
  return hidden;
}

/** Lower case without accents, keeping each character in place (same length as `text`). */
function fold(text: string): string {
  return [...text]
    .map((character) => {
      const bare = character.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      return bare.length === character.length ? bare : character.toLowerCase();
    })
    .join('');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
