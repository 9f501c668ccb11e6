/**
 * What counts as an answer to each profile question, shared by onboarding and the profile
 * flow so both accept exactly the same things: a pressed button's value, or typed words in
 * English or Spanish. Free text (names, regions) is cleaned and checked here, and so are the
 * two settings only the profile flow asks: quiet hours and health details in texts.
 */
import type { SupportedLocale } from '../../src/i18n/i18n.js';
import { findTimeZone } from '../../src/people/time-zone-lookup.js';
import type { Role } from '../../src/storage/schema.js';
import type { Answer } from './answer-prompt.js';
import { cleanFreeText, countCharacters, matchPhrase, normalizeAnswer } from './text.js';

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

/**
 * Quiet hours as stored on the person: local 'HH:mm' times, or both null for CareLine's
 * defaults. Equal times ('00:00' to '00:00') mean no quiet hours at all.
 */
export interface QuietHoursSetting {
  start: string | null;
  end: string | null;
}

/** No quiet hours: `quietHoldUntil` holds nothing when start equals end. */
export const NO_QUIET_HOURS: QuietHoursSetting = { start: '00:00', end: '00:00' };
/** CareLine's default quiet hours (QUIET_HOURS_START and QUIET_HOURS_END). */
export const DEFAULT_QUIET_HOURS: QuietHoursSetting = { start: null, end: null };

/** Button values of the quiet-hours question. */
export const QUIET_HOURS_OFF_VALUE = 'quiet:off';
export const QUIET_HOURS_DEFAULT_VALUE = 'quiet:default';

const QUIET_HOURS_PHRASES = {
  off: [
    QUIET_HOURS_OFF_VALUE,
    'off',
    'none',
    'no quiet hours',
    'turn off',
    'ninguna',
    'ninguno',
    'sin horas de silencio',
    'desactivadas',
    'desactivar',
    'quitar',
  ],
  default: [
    QUIET_HOURS_DEFAULT_VALUE,
    'default',
    'the default',
    'defaults',
    'reset',
    'por defecto',
    'predeterminado',
    'predeterminadas',
    'las de siempre',
  ],
} as const;

// One time of day: "22", "22:30", "7.15", "22h", "10pm", "7 a.m.", "10 de la noche".
const DAY_PART = String.raw`a\.?m\.?|p\.?m\.?|de la (?:manana|madrugada|tarde|noche)`;
const TIME_OF_DAY = String.raw`(?:las\s+)?(\d{1,2})(?:[:.h](\d{2})|h)?\s*(${DAY_PART})?`;
// A range as people write it: "22:00-07:00", "10pm to 7am", "de 22 a 7", "entre las 22 y las 7".
const RANGE_OPENING = String.raw`(?:from|between|de|desde|entre)?\s*`;
const RANGE_SEPARATOR = String.raw`\s*(?:-|–|—|to|until|till|and|a|hasta|y)\s*`;
const TIME_RANGE = new RegExp(
  `^${RANGE_OPENING}${TIME_OF_DAY}${RANGE_SEPARATOR}${TIME_OF_DAY}$`,
  'u',
);
const MORNING = /^a|manana|madrugada/;
const MINUTES_PER_HOUR = 60;

/**
 * Reads new quiet hours from `text`: a range of two times of day ("22:00-07:00", "10pm to
 * 7am", "de 22 a 7", "22 a 7"; without am/pm a time is on the 24-hour clock), "off" (no quiet
 * hours; two equal times mean the same) or "default" (CareLine's defaults). Undefined for
 * anything else, including impossible times such as 25:00, 7:75 or 13pm.
 */
export function parseQuietHours(text: string): Answer<QuietHoursSetting> | undefined {
  const keyword = matchPhrase(text, QUIET_HOURS_PHRASES);
  if (keyword === 'off') return { value: NO_QUIET_HOURS };
  if (keyword === 'default') return { value: DEFAULT_QUIET_HOURS };

  const range = TIME_RANGE.exec(normalizeAnswer(text));
  if (!range) return undefined;

  const start = clockTimeOf(range[1], range[2], range[3]);
  const end = clockTimeOf(range[4], range[5], range[6]);
  if (!start || !end) return undefined;

  return { value: start === end ? NO_QUIET_HOURS : { start, end } };
}

/** 'HH:mm' for an hour, optional minutes and optional am/pm; undefined when impossible. */
function clockTimeOf(
  hourText: string | undefined,
  minuteText: string | undefined,
  dayPart: string | undefined,
): string | undefined {
  const minutes = Number(minuteText ?? 0);
  const hour = dayPart ? twelveHourToTwentyFour(Number(hourText), dayPart) : Number(hourText);
  if (hour === undefined || hour > 23 || minutes >= MINUTES_PER_HOUR) return undefined;

  return `${String(hour).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

/** 10pm is 22, 12am is 0, "12 de la noche" is midnight; undefined for 0pm or 13am. */
function twelveHourToTwentyFour(hour: number, dayPart: string): number | undefined {
  if (hour < 1 || hour > 12) return undefined;

  if (MORNING.test(dayPart)) return hour % 12;
  if (dayPart === 'de la noche' && hour === 12) return 0;
  return (hour % 12) + 12;
}

/** Button values of the health-details question. */
export const TEXT_DETAILS_YES_VALUE = 'details:yes';
export const TEXT_DETAILS_NO_VALUE = 'details:no';

const TEXT_DETAILS_PHRASES = {
  yes: [
    TEXT_DETAILS_YES_VALUE,
    'yes',
    'yes please',
    'yes, include them',
    'include them',
    'include',
    'allow',
    'ok',
    'si',
    'si, incluyelos',
    'incluyelos',
    'incluir',
    'permitir',
  ],
  no: [
    TEXT_DETAILS_NO_VALUE,
    'no',
    'no thanks',
    'no, leave them out',
    'leave them out',
    'keep them private',
    'no, gracias',
    'no gracias',
    'no, mejor no',
    'mejor no',
    'no incluir',
    'no, dejalos fuera',
    'dejalos fuera',
  ],
} as const;

/**
 * Whether the person allows diagnosis and medicine names in texts and notifications: true
 * for "yes" (or the Yes button), false for "no", undefined for anything else.
 */
export function recognizeTextDetails(text: string): Answer<boolean> | undefined {
  const choice = matchPhrase(text, TEXT_DETAILS_PHRASES);
  return choice && { value: choice === 'yes' };
}

/** Text made only of `allowed` characters, holding a letter, no longer than `max`. */
function isPlainText(text: string, allowed: RegExp, max: number): boolean {
  const length = countCharacters(text);
  if (length === 0 || length > max) return false;

  return allowed.test(text) && /\p{L}/u.test(text);
}
