/**
 * The care circle as a caregiver sees it: the people whose circle they are in and what each
 * lets them do, and joining another circle with an invitation code, from the menu or typed
 * at any moment. When a caregiver joins, the patient is told (see join-notice.ts).
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope, type TurnScope } from '../../src/bot/turn-scope.js';
import { listPatients } from '../../src/care-circle/care-links.js';
import {
  acceptInvitation,
  INVITATION_TTL_HOURS,
  type AcceptOutcome,
} from '../../src/care-circle/invitation-service.js';
import { queueJoinNotice } from '../../src/care-circle/join-notice.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import { findPerson } from '../../src/storage/people.js';
import { AnswerPrompt } from '../shared/answer-prompt.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import { matchPhrase } from '../shared/text.js';
import type { CareCircleDependencies } from './care-circle-dependencies.js';
import { describeMembers, DONE_PHRASES, nameOf, type LeadOptions } from './care-circle-text.js';
import { recognizeInvitationCode } from './recognize-invitation-code.js';
import { operatorQuietWindow } from '../../src/outbox/quiet-hours.js';

export const CAREGIVER_CIRCLE_DIALOG = 'care-circle:caregiver';
const CHOICE_PROMPT = 'care-circle:caregiver:choice';
const CODE_PROMPT = 'care-circle:caregiver:code';

type TypedCode = { kind: 'code'; code: string };
type CircleChoice = { kind: 'enterCode' | 'done' } | TypedCode;
type CodeAnswer = TypedCode | { kind: 'cancel' };

// Button values first; typed words in English and Spanish, normalised.
const CHOICE_PHRASES = {
  enterCode: [
    'care:enter-code',
    'enter a code',
    'enter code',
    'code',
    'i have a code',
    'escribir un codigo',
    'codigo',
    'tengo un codigo',
  ],
  done: DONE_PHRASES,
} as const;

const CANCEL_PHRASES = {
  cancel: ['care:cancel', 'cancel', 'stop', 'never mind', 'cancelar', 'no', 'dejalo'],
} as const;

// A code typed on its own, without "join" or the CARE prefix: "K7QM-4XPD".
const BARE_CODE = /^[a-z0-9]{4}[\s-]?[a-z0-9]{4}$/i;

/** Registers the caregiver's view of the circles they are in. */
export function addCaregiverCircleDialogs(dialogs: DialogSet, deps: CareCircleDependencies): void {
  dialogs.add(new AnswerPrompt<CircleChoice>(CHOICE_PROMPT, recognizeCircleChoice));
  dialogs.add(new AnswerPrompt<CodeAnswer>(CODE_PROMPT, recognizeCodeAnswer));
  dialogs.add(
    new WaterfallDialog(CAREGIVER_CIRCLE_DIALOG, [
      (step) => showPatients(step, deps),
      askCodeUnlessTyped,
      (step) => acceptCode(step, deps),
    ]),
  );
}

/**
 * Accepts a typed invitation code for the person, tells the patient when it worked, and
 * returns the message that says how it went. A turn run again after a state conflict gets
 * `joined` again for the code its first run spent; the notice is keyed by the invitation,
 * so the patient is told once, even if the first run stopped before telling them.
 */
export async function acceptTypedInvitation(
  deps: CareCircleDependencies,
  scope: TurnScope,
  code: string,
): Promise<string> {
  const outcome = await acceptInvitation(deps.db, scope.person.id, code);
  if (outcome.kind === 'joined') {
    await tellPatient(deps, { ...outcome, caregiverId: scope.person.id });
  }
  return describeOutcome(deps, scope.t, outcome);
}

async function showPatients(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const lead = (step.options as LeadOptions | undefined)?.lead;
  const patients = await listPatients(deps.db, person.id);
  const buttons = choiceButtons(t);
  const patientList = describeMembers('caregiver', patients, t);
  const text = joinParagraphs(lead, patientList, t('care-circle:patients.ask'));
  return step.prompt(CHOICE_PROMPT, {
    prompt: withButtons(text, buttons),
    retryPrompt: withButtons(t('care-circle:patients.retry'), buttons),
  });
}

async function askCodeUnlessTyped(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const choice = step.result as CircleChoice;
  if (choice.kind === 'done') return step.endDialog();
  if (choice.kind === 'code') return step.next(choice);

  const { t } = getTurnScope(step.context);
  const cancel: Button[] = [{ value: CANCEL_PHRASES.cancel[0], title: t('care-circle:cancel') }];
  return step.prompt(CODE_PROMPT, {
    prompt: withButtons(t('care-circle:accept.askCode'), cancel),
    retryPrompt: withButtons(t('care-circle:accept.retryCode'), cancel),
  });
}

async function acceptCode(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const answer = step.result as CodeAnswer;
  const lead =
    answer.kind === 'code'
      ? await acceptTypedInvitation(deps, scope, answer.code)
      : scope.t('care-circle:accept.cancelled');
  const options: LeadOptions = { lead };
  return step.replaceDialog(CAREGIVER_CIRCLE_DIALOG, options);
}

async function describeOutcome(
  deps: CareCircleDependencies,
  t: TFunction,
  outcome: AcceptOutcome,
): Promise<string> {
  switch (outcome.kind) {
    case 'joined':
    case 'already_linked': {
      const patient = await findPerson(deps.db, outcome.patientId);
      const name = patient ? nameOf(patient, t) : t('care-circle:someone');
      const key = outcome.kind === 'joined' ? 'joined' : 'alreadyLinked';
      return t(`care-circle:accept.${key}`, { name });
    }
    case 'own_invitation':
      return t('care-circle:accept.ownInvitation');
    case 'not_caregiver':
      return t('care-circle:accept.notCaregiver');
    case 'rate_limited':
      return t('care-circle:accept.tooManyTries', { minutes: outcome.retryAfterMinutes });
    default:
      return t('care-circle:accept.invalid', { hours: INVITATION_TTL_HOURS });
  }
}

/** The patient learns who joined; a failure here must not undo or hide the joining. */
async function tellPatient(
  deps: CareCircleDependencies,
  notice: { patientId: string; caregiverId: string; invitationId: string },
) {
  try {
    const quietWindow = operatorQuietWindow(deps.config);
    await queueJoinNotice(deps.db, deps.i18n, notice, { quietWindow });
  } catch (error) {
    const { patientId, caregiverId } = notice;
    deps.logger.warn({ err: error, patientId, caregiverId }, 'care circle join notice failed');
  }
}

function recognizeCircleChoice(text: string) {
  const code = recognizeInvitationCode(text);
  if (code) return { value: { kind: 'code' as const, code } };

  const choice = matchPhrase(text, CHOICE_PHRASES);
  return choice && { value: { kind: choice } };
}

/** At the code question, a code needs neither "join" nor the prefix. */
function recognizeCodeAnswer(text: string) {
  if (matchPhrase(text, CANCEL_PHRASES)) return { value: { kind: 'cancel' as const } };

  const typed = text.trim();
  const code = recognizeInvitationCode(typed) ?? (BARE_CODE.test(typed) ? typed : undefined);
  return code ? { value: { kind: 'code' as const, code } } : undefined;
}

function choiceButtons(t: TFunction): Button[] {
  return [
    { value: CHOICE_PHRASES.enterCode[0], title: t('care-circle:patients.enterCode') },
    { value: CHOICE_PHRASES.done[0], title: t('care-circle:done') },
  ];
}
