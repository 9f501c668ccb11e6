/**
 * What counts as an answer to each profile question, shared by onboarding and the profile
 * flow so both accept exactly the same things: a pressed button's value, or typed words in
 * English or Spanish. Free text (names, regions) is cleaned and checked here.
 */
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import { findTimeZone } from '../../src/people/time-zone-lookup.js';
import type { Role } from '../../src/storage/schema.js';
import type { Answer } from './answer-prompt.js';
import { cleanFreeText, countCharacters, matchPhrase } from './text.js';

/** Value of the "Skip" button on optional questions. */
export const SKIP_VALUE = 'answer:skip';

export const MAX_NAME_CHARACTERS = 40;
export const MAX_REGION_CHARACTERS = 60;

/** Cancer types offered as buttons; anything else can be typed in. */
export const CANCER_TYPES = ['breast', 'lung', 'colorectal', 'prostate', 'blood', 'other'] as const;
export type CancerType = (typeof CANCER_TYPES)[number];

const LANGUAGE_PHRASES: Record<SupportedLocale, readonly string[]> = {
  en: ['lang:en', 'en', 'english', 'ingles', 'in english', 'en ingles'],
  es: ['lang:es', 'es', 'espanol', 'spanish', 'castellano', 'en espanol', 'in spanish'],
};

const ROLE_PHRASES: Record<Role, readonly string[]> = {
  patient: [
    'role:patient',
    'patient',
    'paciente',
    'i am a patient',
    "i'm a patient",
    'soy paciente',
  ],
  caregiver: [
    'role:caregiver',
    'caregiver',
    'caregiver or family',
    'carer',
    'family',
    'family member',
    'i am a caregiver',
    "i'm a caregiver",
    'cuidador',
    'cuidadora',
    'cuidador/a',
    'cuidador/a o familiar',
    'familia',
    'familiar',
    'soy cuidador',
    'soy cuidadora',
    'soy familiar',
  ],
};

const CANCER_TYPE_PHRASES: Record<CancerType, readonly string[]> = {
  breast: ['cancer:breast', 'breast', 'breast cancer', 'mama', 'cancer de mama', 'seno'],
  lung: ['cancer:lung', 'lung', 'lung cancer', 'pulmon', 'cancer de pulmon'],
  colorectal: [
    'cancer:colorectal',
    'colorectal',
    'colorectal cancer',
    'colon',
    'colon cancer',
    'bowel cancer',
    'cancer colorrectal',
    'colorrectal',
    'cancer de colon',
  ],
  prostate: ['cancer:prostate', 'prostate', 'prostate cancer', 'prostata', 'cancer de prostata'],
  blood: [
    'cancer:blood',
    'blood',
    'blood cancer',
    'leukemia',
    'leukaemia',
    'lymphoma',
    'myeloma',
    'sangre',
    'cancer de la sangre',
    'cancer de sangre',
    'cancer hematologico',
    'leucemia',
    'linfoma',
    'mieloma',
  ],
  other: ['cancer:other', 'other', 'otro', 'otra', 'otro tipo'],
};

const SKIP_PHRASES = {
  skip: [
    SKIP_VALUE,
    'skip',
    'saltar',
    'omitir',
    'pasar',
    'prefer not to say',
    'prefiero no decirlo',
  ],
} as const;

// Leading words people add before their name: "I'm Ana", "me llamo José".
const NAME_INTRODUCTIONS =
  /^(my name is|my name['’]s|i am|i['’]m|call me|me llamo|mi nombre es|soy|ll[aá]mame)\s+/iu;
// Letters and marks (any script), digits, spaces, and the punctuation names carry.
const NAME_CHARACTERS = /^[\p{L}\p{M}\p{N} '’.-]+$/u;
const REGION_CHARACTERS = /^[\p{L}\p{M}\p{N} '’.,/()-]+$/u;

/** Returns the language chosen by `text` ("Español", "lang:es", "spanish"). */
export function recognizeLanguage(text: string): Answer<SupportedLocale> | undefined {
  const language = matchPhrase(text, LANGUAGE_PHRASES);
  return language && { value: language };
}

/** Returns the role chosen by `text` ("Patient", "role:caregiver", "familiar"). */
export function recognizeRole(text: string): Answer<Role> | undefined {
  const role = matchPhrase(text, ROLE_PHRASES);
  return role && { value: role };
}

/** True when `text` declines an optional question ("skip", "saltar", the Skip button). */
export function isSkip(text: string): boolean {
  return matchPhrase(text, SKIP_PHRASES) === 'skip';
}

/**
 * Returns the display name in `text`: cleaned, 1-40 characters of letters in any script
 * (with digits, spaces, apostrophes, hyphens and periods), with "my name is" and the like
 * removed. Undefined for anything else (empty, emoji, symbols, links).
 */
export function parseDisplayName(text: string): Answer<string> | undefined {
  const name = cleanFreeText(text).replace(NAME_INTRODUCTIONS, '').trim();
  if (!isPlainText(name, NAME_CHARACTERS, MAX_NAME_CHARACTERS)) return undefined;

  return { value: name };
}

/** Returns the IANA time zone for a typed place, `null` for "skip", undefined if unknown. */
export function recognizeTimeZone(text: string): Answer<string | null> | undefined {
  if (isSkip(text)) return { value: null };

  const zone = findTimeZone(text);
  return zone ? { value: zone } : undefined;
}

/**
 * Returns a cancer type: one of CANCER_TYPES when recognised, otherwise the person's own
 * words (cleaned, up to 60 characters); `null` for "skip".
 */
export function recognizeCancerType(text: string): Answer<string | null> | undefined {
  if (isSkip(text)) return { value: null };

  const known = matchPhrase(text, CANCER_TYPE_PHRASES);
  if (known) return { value: known };

  const ownWords = cleanFreeText(text);
  return isPlainText(ownWords, REGION_CHARACTERS, MAX_REGION_CHARACTERS)
    ? { value: ownWords }
    : undefined;
}

/** Returns a region such as "Texas, USA" (cleaned, 1-60 characters), `null` for "skip". */
export function parseRegion(text: string): Answer<string | null> | undefined {
  if (isSkip(text)) return { value: null };

  const region = cleanFreeText(text);
  return isPlainText(region, REGION_CHARACTERS, MAX_REGION_CHARACTERS)
    ? { value: region }
    : undefined;
}

/** True when `value` is one of the cancer types offered as buttons. */
export function isKnownCancerType(value: string): value is CancerType {
  return (CANCER_TYPES as readonly string[]).includes(value);
}

/** Text made only of `allowed` characters, holding a letter, no longer than `max`. */
function isPlainText(text: string, allowed: RegExp, max: number): boolean {
  const length = countCharacters(text);
  if (length === 0 || length > max) return false;

  return allowed.test(text) && /\p{L}/u.test(text);
}
