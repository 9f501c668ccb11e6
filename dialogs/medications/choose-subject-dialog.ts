/**
 * "Whose medications?": a caregiver whom a patient allowed to manage their medications
 * (or to see how they are doing) chooses between themself and that patient. Someone who
 * may act for nobody else is not asked; the flow is about their own medications.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import {
  patientsActorMayActFor,
  type CarePermission,
} from '../../src/medications/medication-permissions.js';
import type { Person } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { withButtons } from '../shared/buttons.js';
import { normalizeAnswer } from '../shared/text.js';
import {
  cancelButton,
  CHOOSE_SUBJECT_DIALOG,
  endCancelled,
  PROMPTS,
  wasCancelled,
  type ChoiceValidations,
  type Subject,
} from './medication-flow.js';

export interface ChooseSubjectOptions {
  permission: CarePermission;
}

const SELF_VALUE = 'for:self';
const SELF_PHRASES = ['me', 'mine', 'myself', 'my own', 'for me', 'yo', 'mios', 'mias', 'para mi'];

/**
 * Registers the question. It ends with the chosen `Subject`, or with no result when the
 * person cancelled (they have been told; the calling flow just ends).
 */
export function addChooseSubjectDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new WaterfallDialog(CHOOSE_SUBJECT_DIALOG, [
      (step) => askWhose(step, deps),
      (step) => endWithChoice(step),
    ]),
  );
}

/**
 * The first step of a flow about someone's medications: it goes on with the `subject` the
 * flow was begun with, or asks whose (with `permission`) and goes on with the answer, which
 * is undefined when the person cancelled.
 */
export function chooseSubjectStep(permission: CarePermission) {
  return async (step: WaterfallStepContext): Promise<DialogTurnResult> => {
    const { subject } = (step.options ?? {}) as { subject?: Subject };
    if (subject) return step.next(subject);

    const options: ChooseSubjectOptions = { permission };
    return step.beginDialog(CHOOSE_SUBJECT_DIALOG, options);
  };
}

/** The person themself as a subject. */
export function selfSubject(person: Person): Subject {
  return { id: person.id, displayName: person.display_name, self: true };
}

/** "Sam", or "your patient" when a patient has no name yet. */
export function nameOf(subject: Subject, t: TFunction): string {
  return subject.displayName ?? t('medications:subject.unnamed');
}

interface ChooseValues {
  subjects: Subject[];
}

async function askWhose(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const { permission } = step.options as ChooseSubjectOptions;
  const patients = await patientsActorMayActFor(deps.db, person.id, permission);
  if (patients.length === 0) return step.endDialog(selfSubject(person));

  const subjects = [selfSubject(person), ...patients];
  (step.values as ChooseValues).subjects = subjects;
  const buttons = [
    ...subjects.map((subject) => ({ value: valueOf(subject), title: titleOf(subject, t) })),
    cancelButton(t),
  ];
  const question = t(`medications:subject.ask.${permission}`);
  const choices: ChoiceValidations['choices'] = subjects.map((subject) => ({
    value: valueOf(subject),
    phrases: subject.self ? SELF_PHRASES : namePhrases(subject),
  }));
  return step.prompt(PROMPTS.choice, {
    prompt: withButtons(question, buttons),
    retryPrompt: withButtons(t('medications:subject.retry'), buttons),
    validations: { choices } satisfies ChoiceValidations,
  });
}

async function endWithChoice(step: WaterfallStepContext): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);

  const { subjects } = step.values as ChooseValues;
  return step.endDialog(subjects.find((subject) => valueOf(subject) === step.result));
}

function namePhrases(subject: Subject): string[] {
  const name = normalizeAnswer(subject.displayName ?? '');
  return name === '' ? [] : [name];
}

function valueOf(subject: Subject): string {
  return subject.self ? SELF_VALUE : `for:${subject.id}`;
}

function titleOf(subject: Subject, t: TFunction): string {
  return subject.self ? t('medications:subject.self') : nameOf(subject, t);
}
