/**
 * The profile questions (role, name, language, time zone, cancer type, region) as both
 * onboarding and the profile flow ask them: the same wording, buttons, re-prompts and
 * validation, and the same way of describing a saved profile back to the person.
 */
import type { DialogSet, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { i18n as I18n } from 'i18next';
import type { TurnScope } from '../../src/bot/turn-scope.js';
import { SUPPORTED_LOCALES, type SupportedLocale, type TFunction } from '../../src/i18n/i18n.js';
import { updateProfile, type ProfilePatch } from '../../src/people/people-service.js';
import type { Db } from '../../src/storage/database.js';
import type { Person, Role } from '../../src/storage/schema.js';
import { AnswerPrompt, type Answer } from './answer-prompt.js';
import { withButtons, type Button } from './buttons.js';
import {
  CANCER_TYPES,
  isKnownCancerType,
  parseDisplayName,
  parseRegion,
  recognizeCancerType,
  recognizeLanguage,
  recognizeRole,
  recognizeTimeZone,
  SKIP_VALUE,
} from './profile-answers.js';

/** A field of the profile a person answers and can change. */
export type ProfileField = 'role' | 'name' | 'language' | 'timeZone' | 'cancerType' | 'region';

/** The answer each question gives; `null` means the person skipped an optional one. */
export interface ProfileAnswers {
  role: Role;
  name: string;
  language: SupportedLocale;
  timeZone: string | null;
  cancerType: string | null;
  region: string | null;
}

/** Fields every person has, then the ones only patients are asked. */
export const COMMON_FIELDS: readonly ProfileField[] = ['role', 'name', 'language', 'timeZone'];
export const PATIENT_FIELDS: readonly ProfileField[] = ['cancerType', 'region'];

interface Question<F extends ProfileField> {
  recognize: (text: string) => Answer<ProfileAnswers[F]> | undefined;
  buttons: (t: TFunction, locale: SupportedLocale) => Button[];
}

const QUESTIONS: { [F in ProfileField]: Question<F> } = {
  role: { recognize: recognizeRole, buttons: roleButtons },
  name: { recognize: parseDisplayName, buttons: () => [] },
  language: { recognize: recognizeLanguage, buttons: languageButtons },
  timeZone: { recognize: recognizeTimeZone, buttons: (t) => [skipButton(t)] },
  cancerType: { recognize: recognizeCancerType, buttons: cancerTypeButtons },
  region: { recognize: parseRegion, buttons: (t) => [skipButton(t)] },
};

const ALL_FIELDS = Object.keys(QUESTIONS) as ProfileField[];

/** The dialog id of the prompt that asks `field`. */
export function questionPromptId(field: ProfileField): string {
  return `profile-question:${field}`;
}

/** Registers one prompt per profile question; call once per DialogSet. */
export function addProfileQuestions(dialogs: DialogSet): void {
  for (const field of ALL_FIELDS) {
    const question = QUESTIONS[field] as Question<ProfileField>;
    dialogs.add(new AnswerPrompt(questionPromptId(field), (text) => question.recognize(text)));
  }
}

/**
 * Asks `field` in the person's language, with its buttons; a reply that is not an answer
 * gets a kind re-prompt that says what works. The step after receives the answer.
 */
export function askProfileQuestion(
  step: WaterfallStepContext,
  scope: TurnScope,
  field: ProfileField,
): Promise<DialogTurnResult> {
  const { t, locale } = scope;
  const buttons = QUESTIONS[field].buttons(t, locale);
  return step.prompt(questionPromptId(field), {
    prompt: withButtons(t(`common:field.${field}.ask`), buttons),
    retryPrompt: withButtons(t(`common:field.${field}.retry`), buttons),
  });
}

/** The profile change an answer to `field` makes; undefined when the person skipped. */
export function profilePatchFor<F extends ProfileField>(
  field: F,
  answer: ProfileAnswers[F],
): ProfilePatch | undefined {
  if (answer === null) return undefined;

  switch (field) {
    case 'role':
      return rolePatch(answer as Role);
    case 'name':
      return { display_name: answer as string };
    case 'language':
      return { locale: answer as SupportedLocale };
    case 'timeZone':
      return { time_zone: answer as string };
    case 'cancerType':
      return { cancer_type: answer as string };
    default:
      return { region: answer as string };
  }
}

/**
 * Saves `patch` and, when it changes the language, switches this turn to it at once, so
 * the very next reply is in the new language.
 */
export async function saveProfile(
  deps: { db: Db; i18n: I18n },
  scope: TurnScope,
  patch: ProfilePatch,
): Promise<void> {
  scope.person = await updateProfile(deps.db, scope.person.id, patch);
  const locale = SUPPORTED_LOCALES.find((supported) => supported === patch.locale);
  if (!locale) return;

  scope.locale = locale;
  scope.t = deps.i18n.getFixedT(locale);
}

/** The fields that apply to this person: patients also have cancer type and region. */
export function fieldsOf(person: Person): ProfileField[] {
  return person.role === 'patient' ? [...COMMON_FIELDS, ...PATIENT_FIELDS] : [...COMMON_FIELDS];
}

/** One line per field, "• Name: Zoë", in the person's language. */
export function describeProfile(person: Person, t: TFunction): string {
  return fieldsOf(person)
    .map((field) =>
      t('common:profileLine', {
        label: t(`common:field.${field}.label`),
        value: describeFieldValue(person, field, t),
      }),
    )
    .join('\n');
}

/** The saved value of `field`, as the person reads it ("Not set" when empty). */
export function describeFieldValue(person: Person, field: ProfileField, t: TFunction): string {
  const value = savedValue(person, field);
  if (!value) return t('common:notSet');

  if (field === 'role' || field === 'language') return t(`common:${field}.${value}`);
  if (field === 'cancerType' && isKnownCancerType(value)) return t(`common:cancerType.${value}`);
  if (field === 'timeZone') return value.replace(/_/g, ' ');
  return value;
}

function savedValue(person: Person, field: ProfileField): string | null {
  const columns = {
    role: person.role,
    name: person.display_name,
    language: person.locale,
    timeZone: person.time_zone,
    cancerType: person.cancer_type,
    region: person.region,
  } satisfies Record<ProfileField, string | null>;
  return columns[field];
}

// Cancer type and region are asked of patients only, so a caregiver keeps neither.
function rolePatch(role: Role): ProfilePatch {
  return role === 'caregiver' ? { role, cancer_type: null, region: null } : { role };
}

function roleButtons(t: TFunction): Button[] {
  return [
    { value: 'role:patient', title: t('common:role.patient') },
    { value: 'role:caregiver', title: t('common:role.caregiver') },
  ];
}

// The language the person is probably using comes first.
function languageButtons(t: TFunction, locale: SupportedLocale): Button[] {
  const ordered = [locale, ...SUPPORTED_LOCALES.filter((other) => other !== locale)];
  return ordered.map((language) => ({
    value: `lang:${language}`,
    title: t(`common:language.${language}`),
  }));
}

function cancerTypeButtons(t: TFunction): Button[] {
  const types = CANCER_TYPES.map((type) => ({
    value: `cancer:${type}`,
    title: t(`common:cancerType.${type}`),
  }));
  return [...types, skipButton(t)];
}

function skipButton(t: TFunction): Button {
  return { value: SKIP_VALUE, title: t('common:skip') };
}
