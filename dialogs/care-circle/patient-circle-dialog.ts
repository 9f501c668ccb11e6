/**
 * The care circle as a patient sees it: who is in it and what each person may do, an
 * invitation code for someone new, and, per caregiver, turning adherence sharing and
 * medication management on or off, or removing them (after a confirmation). Each change is
 * confirmed in the same message as the updated view.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type PromptOptions,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope, type TurnScope } from '../../src/bot/turn-scope.js';
import {
  listCaregivers,
  setPermissions,
  unlink,
  type CareLinkMember,
  type PermissionChange,
} from '../../src/care-circle/care-links.js';
import {
  createInvitation,
  INVITATION_TTL_HOURS,
} from '../../src/care-circle/invitation-service.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import { AnswerPrompt } from '../shared/answer-prompt.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import { matchPhrase, normalizeAnswer } from '../shared/text.js';
import type { CareCircleDependencies } from './care-circle-dependencies.js';
import {
  describeMembers,
  describePermissions,
  DONE_PHRASES,
  nameOf,
  type LeadOptions,
} from './care-circle-text.js';

export const PATIENT_CIRCLE_DIALOG = 'care-circle:patient';
const CAREGIVER_DIALOG = 'care-circle:patient:caregiver';
const CIRCLE_PROMPT = 'care-circle:patient:choice';
const PERMISSION_PROMPT = 'care-circle:patient:permission';
const REMOVE_PROMPT = 'care-circle:patient:remove';

/** Which caregiver the permissions view is about. */
interface CaregiverOptions extends LeadOptions {
  caregiverId: string;
}

type CircleChoice = { kind: 'invite' | 'done' } | { kind: 'caregiver'; caregiverId: string };
type PermissionChoice = keyof typeof PERMISSION_PHRASES;
type RemoveChoice = keyof typeof REMOVE_PHRASES;

const CAREGIVER_VALUE_PREFIX = 'care:caregiver:';

// Button values first; typed words in English and Spanish, normalised.
const CIRCLE_PHRASES = {
  invite: ['care:invite', 'invite', 'invite a caregiver', 'invite someone', 'invitar'],
  done: DONE_PHRASES,
} as const;

// Each button sets a permission to a value, so pressing an old button twice changes nothing.
const PERMISSION_PHRASES = {
  adherenceOn: ['care:adherence:on'],
  adherenceOff: ['care:adherence:off'],
  medicationsOn: ['care:medications:on'],
  medicationsOff: ['care:medications:off'],
  remove: ['care:remove', 'remove', 'quitar', 'eliminar'],
  back: ['care:back', 'back', 'done', 'volver', 'listo'],
} as const;

const REMOVE_PHRASES = {
  remove: ['care:remove:yes', 'yes', 'yes, remove', 'si', 'si, quitar', 'remove', 'quitar'],
  keep: ['care:remove:no', 'no', 'no, keep', 'keep', 'no, mantener', 'mantener', 'cancel'],
} as const;

const PERMISSION_CHANGES: Record<Exclude<PermissionChoice, 'remove' | 'back'>, PermissionChange> = {
  adherenceOn: { sharesAdherence: true },
  adherenceOff: { sharesAdherence: false },
  medicationsOn: { canManageMedications: true },
  medicationsOff: { canManageMedications: false },
};

/** Registers the patient's view of their care circle. */
export function addPatientCircleDialogs(dialogs: DialogSet, deps: CareCircleDependencies): void {
  dialogs.add(new AnswerPrompt<CircleChoice>(CIRCLE_PROMPT, recognizeCircleChoice));
  dialogs.add(
    new AnswerPrompt<PermissionChoice>(PERMISSION_PROMPT, phraseRecognizer(PERMISSION_PHRASES)),
  );
  dialogs.add(new AnswerPrompt<RemoveChoice>(REMOVE_PROMPT, phraseRecognizer(REMOVE_PHRASES)));
  dialogs.add(
    new WaterfallDialog(PATIENT_CIRCLE_DIALOG, [
      (step) => showCircle(step, deps),
      (step) => actOnCircleChoice(step, deps),
    ]),
  );
  dialogs.add(
    new WaterfallDialog(CAREGIVER_DIALOG, [
      (step) => showPermissions(step, deps),
      (step) => actOnPermissionChoice(step, deps),
      (step) => removeOrKeep(step, deps),
    ]),
  );
}

/** Makes an invitation for the person and returns the message that shows its code. */
export async function describeNewInvitation(deps: CareCircleDependencies, scope: TurnScope) {
  const invitation = await createInvitation(deps.db, scope.person.id);
  if (invitation.kind !== 'issued') return scope.t('care-circle:patient.notPatient');

  return scope.t('care-circle:patient.code', {
    code: invitation.code,
    hours: INVITATION_TTL_HOURS,
  });
}

async function showCircle(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const lead = (step.options as LeadOptions | undefined)?.lead;
  const caregivers = await listCaregivers(deps.db, person.id);
  const buttons = circleButtons(caregivers, t);
  const text = joinParagraphs(
    lead ?? t('care-circle:patient.intro'),
    describeMembers('patient', caregivers, t),
    t('care-circle:patient.ask'),
  );
  return step.prompt(CIRCLE_PROMPT, {
    prompt: withButtons(text, buttons),
    retryPrompt: withButtons(t('care-circle:patient.retry'), buttons),
    validations: { caregiverIds: caregivers.map((caregiver) => caregiver.id) },
  });
}

async function actOnCircleChoice(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const choice = step.result as CircleChoice;
  if (choice.kind === 'done') return step.endDialog();
  if (choice.kind === 'caregiver') {
    const options: CaregiverOptions = { caregiverId: choice.caregiverId };
    return step.replaceDialog(CAREGIVER_DIALOG, options);
  }

  await step.context.sendActivity(await describeNewInvitation(deps, getTurnScope(step.context)));
  return step.endDialog();
}

async function showPermissions(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const { t } = getTurnScope(step.context);
  const { lead } = step.options as CaregiverOptions;
  const caregiver = await findCaregiver(step, deps);
  if (!caregiver) return backToCircle(step, t('care-circle:caregiver.gone'));

  const buttons = permissionButtons(caregiver, t);
  const detail = t('care-circle:caregiver.detail', {
    name: nameOf(caregiver, t),
    ...describePermissions(caregiver, t),
  });
  return step.prompt(PERMISSION_PROMPT, {
    prompt: withButtons(joinParagraphs(lead, detail), buttons),
    retryPrompt: withButtons(t('care-circle:caregiver.retry'), buttons),
  });
}

async function actOnPermissionChoice(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const choice = step.result as PermissionChoice;
  if (choice === 'back') return backToCircle(step);

  const caregiver = await findCaregiver(step, deps);
  if (!caregiver) return backToCircle(step, t('care-circle:caregiver.gone'));

  const name = nameOf(caregiver, t);
  if (choice === 'remove') {
    const buttons = removeButtons(t);
    return step.prompt(REMOVE_PROMPT, {
      prompt: withButtons(t('care-circle:caregiver.confirmRemove', { name }), buttons),
      retryPrompt: withButtons(t('care-circle:caregiver.confirmRemoveRetry', { name }), buttons),
    });
  }

  await setPermissions(deps.db, person.id, caregiver.id, PERMISSION_CHANGES[choice]);
  return showPermissionsAgain(step, t(`care-circle:caregiver.${choice}`, { name }));
}

async function removeOrKeep(
  step: WaterfallStepContext,
  deps: CareCircleDependencies,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const caregiver = await findCaregiver(step, deps);
  if (!caregiver) return backToCircle(step, t('care-circle:caregiver.gone'));

  const name = nameOf(caregiver, t);
  if (step.result === 'keep') {
    return showPermissionsAgain(step, t('care-circle:caregiver.kept', { name }));
  }

  await unlink(deps.db, person.id, caregiver.id, 'patient');
  return backToCircle(step, t('care-circle:caregiver.removed', { name }));
}

/** The caregiver the view is about, if still in the person's circle. */
async function findCaregiver(step: WaterfallStepContext, deps: CareCircleDependencies) {
  const { person } = getTurnScope(step.context);
  const { caregiverId } = step.options as CaregiverOptions;
  const caregivers = await listCaregivers(deps.db, person.id);
  return caregivers.find((caregiver) => caregiver.id === caregiverId);
}

function showPermissionsAgain(step: WaterfallStepContext, lead: string) {
  const { caregiverId } = step.options as CaregiverOptions;
  const options: CaregiverOptions = { caregiverId, lead };
  return step.replaceDialog(CAREGIVER_DIALOG, options);
}

function backToCircle(step: WaterfallStepContext, lead?: string) {
  const options: LeadOptions = lead ? { lead } : {};
  return step.replaceDialog(PATIENT_CIRCLE_DIALOG, options);
}

/** Only caregivers shown with the question can be picked; their ids are in `validations`. */
function recognizeCircleChoice(text: string, options: PromptOptions) {
  const phrase = matchPhrase(text, CIRCLE_PHRASES);
  if (phrase) return { value: { kind: phrase } };

  const ids = (options.validations as { caregiverIds?: string[] } | undefined)?.caregiverIds ?? [];
  const answer = normalizeAnswer(text);
  const caregiverId = ids.find((id) => answer === `${CAREGIVER_VALUE_PREFIX}${id}`);
  return caregiverId ? { value: { kind: 'caregiver' as const, caregiverId } } : undefined;
}

function phraseRecognizer<K extends string>(phrases: Readonly<Record<K, readonly string[]>>) {
  return (text: string) => {
    const choice = matchPhrase(text, phrases);
    return choice && { value: choice };
  };
}

function circleButtons(caregivers: CareLinkMember[], t: TFunction): Button[] {
  const manage = caregivers.map((caregiver) => ({
    value: `${CAREGIVER_VALUE_PREFIX}${caregiver.id}`,
    title: t('care-circle:patient.manage', { name: nameOf(caregiver, t) }),
  }));
  return [
    { value: CIRCLE_PHRASES.invite[0], title: t('care-circle:patient.invite') },
    ...manage,
    { value: CIRCLE_PHRASES.done[0], title: t('care-circle:done') },
  ];
}

function permissionButtons(caregiver: CareLinkMember, t: TFunction): Button[] {
  const adherence: PermissionChoice = caregiver.shares_adherence ? 'adherenceOff' : 'adherenceOn';
  const medications: PermissionChoice = caregiver.can_manage_medications
    ? 'medicationsOff'
    : 'medicationsOn';
  return [
    {
      value: PERMISSION_PHRASES[adherence][0],
      title: t(`care-circle:caregiver.${adherence}Button`),
    },
    {
      value: PERMISSION_PHRASES[medications][0],
      title: t(`care-circle:caregiver.${medications}Button`),
    },
    {
      value: PERMISSION_PHRASES.remove[0],
      title: t('care-circle:caregiver.remove', { name: nameOf(caregiver, t) }),
    },
    { value: PERMISSION_PHRASES.back[0], title: t('care-circle:back') },
  ];
}

function removeButtons(t: TFunction): Button[] {
  return [
    { value: REMOVE_PHRASES.remove[0], title: t('care-circle:caregiver.removeYes') },
    { value: REMOVE_PHRASES.keep[0], title: t('care-circle:caregiver.removeNo') },
  ];
}
