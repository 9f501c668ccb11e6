/**
 * The profile questions (role, name, language, time zone, cancer type, region) as both
 * onboarding and the profile flow ask them: the same wording, buttons, re-prompts and
 * validation, and the same way of describing a saved profile back to the person. Two
 * settings, quiet hours and health details in texts, are asked the same way but only in
 * the profile flow: onboarding leaves them at their private defaults.
 */
import type { DialogSet, DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import type { i18n as I18n } from 'i18next';
import type { TurnScope } from '../../src/bot/turn-scope.js';
import { SUPPORTED_LOCALES, type SupportedLocale, type TFunction } from '../../src/i18n/i18n.js';
import {
  DEFAULT_QUIET_WINDOW,
  hasOwnQuietWindow,
  quietWindowOf,
  type QuietWindow,
} from '../../src/outbox/quiet-hours.js';
import { updateProfile, type ProfilePatch } from '../../src/people/people-service.js';
import type { Db } from '../../src/storage/database.js';
import type { Person, Role } from '../../src/storage/schema.js';
import { AnswerPrompt, type Answer } from './answer-prompt.js';
import { withButtons, type Button } from './buttons.js';
import {
  CANCER_TYPES,
  isKnownCancerType,
  parseDisplayName,
  parseQuietHours,
  parseRegion,
  QUIET_HOURS_DEFAULT_VALUE,
  QUIET_HOURS_OFF_VALUE,
  recognizeCancerType,
  recognizeLanguage,
  recognizeRole,
  recognizeTextDetails,
  recognizeTimeZone,
  SKIP_VALUE,
  TEXT_DETAILS_NO_VALUE,
  TEXT_DETAILS_YES_VALUE,
  type QuietHoursSetting,
} from './profile-answers.js';

/** A field of the profile a person answers and can change. */
export type ProfileField =
  | 'role'
  | 'name'
  | 'language'
  | 'timeZone'
  | 'cancerType'
  | 'region'
  | 'quietHours'
  | 'textDetails';

/** The answer each question gives; `null` means the person skipped an optional one. */
export interface ProfileAnswers {
  role: Role;
  name: string;
  language: SupportedLocale;
  timeZone: string | null;
  cancerType: string | null;
  region: string | null;
  quietHours: QuietHoursSetting;
  /** True when texts and notifications may name a diagnosis or medicine. */
  textDetails: boolean;
}

/** Fields every person has, then the ones only patients are asked. */
export const COMMON_FIELDS: readonly ProfileField[] = ['role', 'name', 'language', 'timeZone'];
export const PATIENT_FIELDS: readonly ProfileField[] = ['cancerType', 'region'];
/** Settings every person can change in their profile; onboarding never asks them. */
export const SETTING_FIELDS: readonly ProfileField[] = ['quietHours', 'textDetails'];

/** What a question's buttons depend on. */
interface ButtonContext {
  t: TFunction;
  locale: SupportedLocale;
  quietDefaults: QuietWindow;
}

interface Question<F extends ProfileField> {
  recognize: (text: string) => Answer<ProfileAnswers[F]> | undefined;
  buttons: (context: ButtonContext) => Button[];
}

const QUESTIONS: { [F in ProfileField]: Question<F> } = {
  role: { recognize: recognizeRole, buttons: roleButtons },
  name: { recognize: parseDisplayName, buttons: () => [] },
  language: { recognize: recognizeLanguage, buttons: languageButtons },
  timeZone: { recognize: recognizeTimeZone, buttons: ({ t }) => [skipButton(t)] },
  cancerType: { recognize: recognizeCancerType, buttons: cancerTypeButtons },
  region: { recognize: parseRegion, buttons: ({ t }) => [skipButton(t)] },
  quietHours: { recognize: parseQuietHours, buttons: quietHoursButtons },
  textDetails: { recognize: recognizeTextDetails, buttons: textDetailsButtons },
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
 * gets a kind re-prompt that says what works. The step after receives the answer. The
 * question may show the saved value as `{{current}}`; `quietDefaults` is the window a
 * person without quiet hours of their own has (default: DEFAULT_QUIET_WINDOW).
 */
export function askProfileQuestion(
  step: WaterfallStepContext,
  scope: TurnScope,
  field: ProfileField,
  quietDefaults: QuietWindow = DEFAULT_QUIET_WINDOW,
): Promise<DialogTurnResult> {
  const { t, locale, person } = scope;
  const buttons = QUESTIONS[field].buttons({ t, locale, quietDefaults });
  const current = describeFieldValue(person, field, t, quietDefaults);
  return step.prompt(questionPromptId(field), {
    prompt: withButtons(t(`common:field.${field}.ask`, { current }), buttons),
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
    case 'quietHours':
      return quietHoursPatch(answer as QuietHoursSetting);
    case 'textDetails':
      return { sms_health_details: answer as boolean };
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

/** Every field the person can change in their profile: their answers, then the settings. */
export function changeableFieldsOf(person: Person): ProfileField[] {
  return [...fieldsOf(person), ...SETTING_FIELDS];
}

/** How to describe a profile: which fields (default: `fieldsOf`) and the quiet-hours defaults. */
export interface DescribeOptions {
  fields?: readonly ProfileField[];
  quietDefaults?: QuietWindow;
}

/** One line per field, "• Name: Zoë", in the person's language. */
export function describeProfile(
  person: Person,
  t: TFunction,
  { fields = fieldsOf(person), quietDefaults }: DescribeOptions = {},
): string {
  return fields
    .map((field) =>
      t('common:profileLine', {
        label: t(`common:field.${field}.label`),
        value: describeFieldValue(person, field, t, quietDefaults),
      }),
    )
    .join('\n');
}

/**
 * The saved value of `field`, as the person reads it ("Not set" when empty). Quiet hours
 * read "21:00 to 08:00 (default)" when the person has none of their own (`quietDefaults`,
 * default DEFAULT_QUIET_WINDOW), "Off" when there are none.
 */
export function describeFieldValue(
  person: Person,
  field: ProfileField,
  t: TFunction,
  quietDefaults: QuietWindow = DEFAULT_QUIET_WINDOW,
): string {
  if (field === 'quietHours') return describeQuietHours(person, t, quietDefaults);
  if (field === 'textDetails') {
    return t(`common:textDetails.${person.sms_health_details ? 'included' : 'notIncluded'}`);
  }

  const value = savedValue(person, field);
  if (!value) return t('common:notSet');

  if (field === 'role' || field === 'language') return t(`common:${field}.${value}`);
  if (field === 'cancerType' && isKnownCancerType(value)) return t(`common:cancerType.${value}`);
  if (field === 'timeZone') return value.replace(/_/g, ' ');
  return value;
}

function describeQuietHours(person: Person, t: TFunction, defaults: QuietWindow): string {
  const window = quietWindowOf(person, defaults);
  const hours = describeWindow(window, t);
  return hasOwnQuietWindow(person) ? hours : t('common:quietHours.default', { hours });
}

/** "22:00 to 07:00", or "Off" when start equals end. */
function describeWindow({ start, end }: QuietWindow, t: TFunction): string {
  return start === end ? t('common:quietHours.off') : t('common:quietHours.window', { start, end });
}

function savedValue(
  person: Person,
  field: Exclude<ProfileField, 'quietHours' | 'textDetails'>,
): string | null {
  const columns = {
    role: person.role,
    name: person.display_name,
    language: person.locale,
    timeZone: person.time_zone,
    cancerType: person.cancer_type,
    region: person.region,
  } satisfies Record<typeof field, string | null>;
  return columns[field];
}

// Cancer type and region are asked of patients only, so a caregiver keeps neither.
function rolePatch(role: Role): ProfilePatch {
  return role === 'caregiver' ? { role, cancer_type: null, region: null } : { role };
}

function quietHoursPatch({ start, end }: QuietHoursSetting): ProfilePatch {
  return { quiet_hours_start: start, quiet_hours_end: end };
}

function roleButtons({ t }: ButtonContext): Button[] {
  return [
    { value: 'role:patient', title: t('common:role.patient') },
    { value: 'role:caregiver', title: t('common:role.caregiver') },
  ];
}

// The language the person is probably using comes first.
function languageButtons({ t, locale }: ButtonContext): Button[] {
  const ordered = [locale, ...SUPPORTED_LOCALES.filter((other) => other !== locale)];
  return ordered.map((language) => ({
    value: `lang:${language}`,
    title: t(`common:language.${language}`),
  }));
}

function cancerTypeButtons({ t }: ButtonContext): Button[] {
  const types = CANCER_TYPES.map((type) => ({
    value: `cancer:${type}`,
    title: t(`common:cancerType.${type}`),
  }));
  return [...types, skipButton(t)];
}

// "Default" names the window it brings back, as the person may not remember it.
function quietHoursButtons({ t, quietDefaults }: ButtonContext): Button[] {
  const hours = describeWindow(quietDefaults, t);
  return [
    { value: QUIET_HOURS_DEFAULT_VALUE, title: t('common:quietHours.defaultButton', { hours }) },
    { value: QUIET_HOURS_OFF_VALUE, title: t('common:quietHours.offButton') },
  ];
}

function textDetailsButtons({ t }: ButtonContext): Button[] {
  return [
    { value: TEXT_DETAILS_YES_VALUE, title: t('common:textDetails.yes') },
    { value: TEXT_DETAILS_NO_VALUE, title: t('common:textDetails.no') },
  ];
}

function skipButton(t: TFunction): Button {
  return { value: SKIP_VALUE, title: t('common:skip') };
}
