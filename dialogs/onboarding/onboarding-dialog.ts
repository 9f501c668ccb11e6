/**
 * Onboarding, for anyone who has not finished it: says what CareLine is (an automated
 * assistant, not a clinician, not for emergencies), asks the language, shows the privacy
 * notice and asks for consent; only after consent does it ask the profile questions, and
 * it saves them together at the end. Declining is respected: nothing more is collected.
 */
import type { TurnContext } from 'botbuilder';
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import { PRIVACY_NOTICE, recordPrivacyDecision } from '../../src/consents/privacy-consent.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import { latestConsent } from '../../src/storage/consents.js';
import type { Db } from '../../src/storage/database.js';
import type { Person } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { AnswerPrompt } from '../shared/answer-prompt.js';
import { joinParagraphs, withButtons } from '../shared/buttons.js';
import { REVIEW_NOTICE_VALUE } from '../shared/commands.js';
import {
  askProfileQuestion,
  describeProfile,
  profilePatchFor,
  saveProfile,
  type ProfileAnswers,
  type ProfileField,
} from '../shared/profile-questions.js';
import { matchPhrase } from '../shared/text.js';

export const ONBOARDING_DIALOG = 'onboarding';
const CONSENT_PROMPT = 'onboarding:consent';

/**
 * Where onboarding begins: at the start (first contact), at the privacy notice (asked to
 * review it after declining), or at the profile questions (consent already given).
 */
export type OnboardingStart = 'language' | 'notice' | 'profile';

export interface OnboardingOptions {
  start: OnboardingStart;
}

/** How far a person has come: the gate every turn checks before any other dialog runs. */
export type OnboardingStage = 'unasked' | 'declined' | 'consented' | 'onboarded';

/** The result onboarding ends with when the person declines the privacy notice. */
export const CONSENT_DECLINED = 'onboarding:declined';

type ConsentAnswer = 'agree' | 'decline';

const CONSENT_PHRASES: Record<ConsentAnswer, readonly string[]> = {
  agree: [
    'consent:agree',
    'i agree',
    'agree',
    'yes',
    'yes i agree',
    'ok',
    'okay',
    'sure',
    'si',
    'acepto',
    'si acepto',
    'de acuerdo',
    'estoy de acuerdo',
    'vale',
  ],
  decline: [
    'consent:decline',
    'no thanks',
    'no, thanks',
    'no thank you',
    'no',
    'nope',
    'decline',
    'i do not agree',
    "i don't agree",
    'no gracias',
    'no, gracias',
    'no acepto',
    'no estoy de acuerdo',
  ],
};

/** Where `person` is in onboarding, from their profile and their latest privacy decision. */
export async function readOnboardingStage(db: Db, person: Person): Promise<OnboardingStage> {
  if (person.onboarded_at) return 'onboarded';

  const consent = await latestConsent(db, person.id, PRIVACY_NOTICE);
  if (!consent) return 'unasked';
  return consent.decision === 'given' ? 'consented' : 'declined';
}

/** Reminds someone who declined the notice how to review it, with a button to do so. */
export async function sendConsentReminder(context: TurnContext, t: TFunction, lead?: string) {
  const text = joinParagraphs(lead, t('onboarding:declined.reminder'));
  await context.sendActivity(withButtons(text, [reviewNoticeButton(t)]));
}

/** Registers onboarding and its consent prompt (the profile prompts are shared). */
export function addOnboardingDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new AnswerPrompt<ConsentAnswer>(CONSENT_PROMPT, (text) => {
      const answer = matchPhrase(text, CONSENT_PHRASES);
      return answer && { value: answer };
    }),
  );
  dialogs.add(
    new WaterfallDialog(ONBOARDING_DIALOG, [
      askLanguage,
      (step) => showPrivacyNotice(step, deps),
      (step) => recordConsentAndAskRole(step, deps),
      (step) => keepAndAsk(step, 'role', 'name'),
      (step) => keepAndAsk(step, 'name', 'timeZone'),
      (step) => keepAndAsk(step, 'timeZone', 'cancerType'),
      (step) => keepAndAsk(step, 'cancerType', 'region'),
      (step) => saveAndSummarize(step, deps),
    ]),
  );
}

function startOf(step: WaterfallStepContext): OnboardingStart {
  return (step.options as Partial<OnboardingOptions> | undefined)?.start ?? 'language';
}

function answersOf(step: WaterfallStepContext): Partial<ProfileAnswers> {
  return step.values as Partial<ProfileAnswers>;
}

async function askLanguage(step: WaterfallStepContext): Promise<DialogTurnResult> {
  if (startOf(step) !== 'language') return step.next();

  const scope = getTurnScope(step.context);
  await step.context.sendActivity(scope.t('onboarding:intro'));
  return askProfileQuestion(step, scope, 'language');
}

async function showPrivacyNotice(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const language = step.result as ProfileAnswers['language'] | undefined;
  // The language is a preference needed to show the notice at all, not profile data.
  if (language) await saveProfile(deps, scope, { locale: language });
  if (startOf(step) === 'profile') return step.next();

  const { t } = scope;
  const version = deps.config.PRIVACY_NOTICE_VERSION;
  const buttons = [
    { value: 'consent:agree', title: t('onboarding:notice.agree') },
    { value: 'consent:decline', title: t('onboarding:notice.decline') },
  ];
  return step.prompt(CONSENT_PROMPT, {
    prompt: withButtons(t('onboarding:notice.text', { version }), buttons),
    retryPrompt: withButtons(t('onboarding:notice.retry'), buttons),
  });
}

async function recordConsentAndAskRole(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const { t } = scope;
  if (startOf(step) === 'profile') {
    await step.context.sendActivity(t('onboarding:resume'));
    return askProfileQuestion(step, scope, 'role');
  }

  const decision = step.result === 'agree' ? 'given' : 'declined';
  await recordPrivacyDecision(
    deps.db,
    scope.person.id,
    deps.config.PRIVACY_NOTICE_VERSION,
    decision,
  );
  if (decision === 'declined') {
    const reply = withButtons(t('onboarding:declined.reply'), [reviewNoticeButton(t)]);
    await step.context.sendActivity(reply);
    return step.endDialog(CONSENT_DECLINED);
  }

  await step.context.sendActivity(t('onboarding:consentThanks'));
  return askProfileQuestion(step, scope, 'role');
}

/**
 * Keeps the answer to `answered` and asks `next`; cancer type and region are asked of
 * patients only.
 */
async function keepAndAsk(
  step: WaterfallStepContext,
  answered: ProfileField,
  next: ProfileField,
): Promise<DialogTurnResult> {
  const answers = answersOf(step);
  Object.assign(answers, { [answered]: step.result ?? null });
  const patientOnly = next === 'cancerType' || next === 'region';
  if (patientOnly && answers.role !== 'patient') return step.next();

  return askProfileQuestion(step, getTurnScope(step.context), next);
}

async function saveAndSummarize(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const answers = answersOf(step);
  if (answers.role === 'patient') answers.region = step.result ?? null;
  const asked: ProfileField[] = ['role', 'name', 'timeZone', 'cancerType', 'region'];
  const patches = asked
    .filter((field) => answers[field] !== undefined)
    .map((field) => profilePatchFor(field, answers[field] as ProfileAnswers[typeof field]));

  const scope = getTurnScope(step.context);
  await saveProfile(deps, scope, Object.assign({}, ...patches, { onboarded_at: new Date() }));
  const { t, person } = scope;
  const summary = joinParagraphs(
    t('onboarding:done', { name: person.display_name }),
    describeProfile(person, t),
    t('onboarding:changeLater'),
  );
  await step.context.sendActivity(summary);
  return step.endDialog();
}

function reviewNoticeButton(t: TFunction) {
  return { value: REVIEW_NOTICE_VALUE, title: t('onboarding:declined.review') };
}
