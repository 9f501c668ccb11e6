/**
 * "My medications": the list (a caregiver allowed to manage a patient's medications picks
 * whose), and for one medication: pause or resume its reminders, change it, or delete it
 * after confirming. Every change goes through the medication service, which checks the
 * permission again and (re)plans or cancels the reminders.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type { SupportedLocale, TFunction } from '../../src/i18n/i18n.js';
import { understandingOfRow } from '../../src/medications/medication-record.js';
import {
  findManageable,
  listMedicationsFor,
  removeMedication,
  setMedicationPaused,
  type ActionOutcome,
} from '../../src/medications/medication-service.js';
import type { MedicationRow } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import { normalizeAnswer } from '../shared/text.js';
import type { AddMedicationOptions } from './add-medication-dialog.js';
import { chooseSubjectStep, nameOf } from './choose-subject-dialog.js';
import { describeMedication, shortName } from './describe-medication.js';
import { actionValue, type MedicationAction, type YesNo } from './medication-answers.js';
import {
  ADD_MEDICATION_DIALOG,
  CHANGE_PART_DIALOG,
  endCancelled,
  MY_MEDICATIONS_DIALOG,
  PROMPTS,
  wasCancelled,
  type ChangePartOptions,
  type ChoiceValidations,
  type Subject,
} from './medication-flow.js';

export interface MyMedicationsOptions {
  subject?: Subject;
}

interface ListValues {
  subject: Subject;
  medicationId?: string;
}

const ADD_VALUE = 'med:add';
const DONE_VALUE = 'med:done';
const ADD_PHRASES = ['add', 'add a medication', 'add medication', 'anadir', 'agregar', 'nuevo'];
const DONE_PHRASES = ['done', 'nothing', 'listo', 'nada', 'salir'];

/** Registers the list and what can be done with one medication. */
export function addMyMedicationsDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new WaterfallDialog(MY_MEDICATIONS_DIALOG, [
      chooseSubjectStep('manage_medications'),
      (step) => listAndAskWhich(step, deps),
      (step) => askWhatToDo(step, deps),
      (step) => act(step, deps),
      (step) => deleteIfConfirmed(step, deps),
    ]),
  );
}

async function listAndAskWhich(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const subject = step.result as Subject | undefined;
  if (!subject) return step.endDialog();
  (step.values as ListValues).subject = subject;
  const { person, t, locale } = getTurnScope(step.context);
  const medications = await listMedicationsFor(deps.db, person.id, subject.id);
  if (!medications) {
    await step.context.sendActivity(t('medications:notAllowed', { name: nameOf(subject, t) }));
    return step.endDialog();
  }

  const text = describeList(medications, subject, t, locale);
  const buttons = listButtons(medications, t, locale);
  const choices: ChoiceValidations['choices'] = [
    ...medications.map((medication, index) => ({
      value: `med:${medication.id}`,
      phrases: [String(index + 1), normalizeAnswer(medication.name)],
    })),
    { value: ADD_VALUE, phrases: ADD_PHRASES },
    { value: DONE_VALUE, phrases: DONE_PHRASES },
  ];
  return step.prompt(PROMPTS.choice, {
    prompt: withButtons(text, buttons),
    retryPrompt: withButtons(t('medications:list.retry'), buttons),
    validations: { choices } satisfies ChoiceValidations,
  });
}

async function askWhatToDo(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const values = step.values as ListValues;
  const choice = step.result as string;
  if (wasCancelled(step) || choice === DONE_VALUE) return step.endDialog();
  if (choice === ADD_VALUE) {
    const options: AddMedicationOptions = { subject: values.subject };
    return step.replaceDialog(ADD_MEDICATION_DIALOG, options);
  }

  const { person, t, locale } = getTurnScope(step.context);
  const found = await findManageable(deps.db, person.id, choice.slice('med:'.length));
  if (found.kind !== 'done') return endWithOutcome(step, found, values.subject);
  const { medication } = found;
  values.medicationId = medication.id;
  const buttons = actionButtons(medication, t);
  const text = joinParagraphs(
    describeMedication(understandingOfRow(medication), t, locale),
    medication.paused_at ? t('medications:list.pausedNote') : undefined,
    t('medications:action.ask'),
  );
  return step.prompt(PROMPTS.action, {
    prompt: withButtons(text, buttons),
    retryPrompt: withButtons(t('medications:action.retry'), buttons),
  });
}

async function act(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const values = step.values as ListValues;
  const action = step.result as MedicationAction;
  const { person, t } = getTurnScope(step.context);
  const medicationId = values.medicationId!;
  switch (action) {
    case 'back':
      return step.replaceDialog(MY_MEDICATIONS_DIALOG, { subject: values.subject });
    case 'change':
      return beginChange(step, deps, values);
    case 'delete':
      return askToConfirmDeletion(step, deps, medicationId);
    default: {
      const request = {
        actorId: person.id,
        medicationId,
        now: new Date(),
        paused: action === 'pause',
      };
      const outcome = await setMedicationPaused(deps, request);
      return endWithOutcome(step, outcome, values.subject, t(`medications:action.${action}d`));
    }
  }
}

async function beginChange(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  values: ListValues,
) {
  const { person } = getTurnScope(step.context);
  const found = await findManageable(deps.db, person.id, values.medicationId!);
  if (found.kind !== 'done') return endWithOutcome(step, found, values.subject);

  const options: ChangePartOptions = {
    subject: values.subject,
    draft: understandingOfRow(found.medication),
    medicationId: found.medication.id,
  };
  return step.replaceDialog(CHANGE_PART_DIALOG, options);
}

async function askToConfirmDeletion(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  medicationId: string,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const found = await findManageable(deps.db, person.id, medicationId);
  if (found.kind !== 'done')
    return endWithOutcome(step, found, (step.values as ListValues).subject);

  const buttons: Button[] = [
    { value: 'answer:yes', title: t('medications:button.deleteConfirm') },
    { value: 'answer:no', title: t('medications:button.keep') },
  ];
  return step.prompt(PROMPTS.yesNo, {
    prompt: withButtons(t('medications:delete.ask', { name: found.medication.name }), buttons),
    retryPrompt: withButtons(t('medications:delete.retry'), buttons),
  });
}

async function deleteIfConfirmed(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const { t, person } = getTurnScope(step.context);
  const values = step.values as ListValues;
  if (wasCancelled(step) || (step.result as YesNo) !== 'yes') {
    await step.context.sendActivity(t('medications:delete.kept'));
    return step.endDialog();
  }

  const request = { actorId: person.id, medicationId: values.medicationId!, now: new Date() };
  const outcome = await removeMedication(deps, request);
  return endWithOutcome(step, outcome, values.subject, t('medications:delete.done'));
}

/** Says how an action went ("Paused…", or why it could not be done) and ends the flow. */
async function endWithOutcome(
  step: WaterfallStepContext,
  outcome: ActionOutcome,
  subject: Subject,
  done?: string,
): Promise<DialogTurnResult> {
  const { t } = getTurnScope(step.context);
  const message =
    outcome.kind === 'done'
      ? done
      : outcome.kind === 'not_allowed'
        ? t('medications:notAllowed', { name: nameOf(subject, t) })
        : t('medications:notFound');
  if (message) await step.context.sendActivity(message);
  return step.endDialog();
}

function describeList(
  medications: MedicationRow[],
  subject: Subject,
  t: TFunction,
  locale: SupportedLocale,
): string {
  if (medications.length === 0) {
    return subject.self
      ? t('medications:list.empty')
      : t('medications:list.emptyFor', { name: nameOf(subject, t) });
  }

  const title = subject.self
    ? t('medications:list.title')
    : t('medications:list.titleFor', { name: nameOf(subject, t) });
  const lines = medications.map((medication, index) => {
    const line = `${index + 1}. ${describeMedication(understandingOfRow(medication), t, locale)}`;
    return medication.paused_at ? `${line} ${t('medications:list.paused')}` : line;
  });
  return joinParagraphs(`${title}\n${lines.join('\n')}`, t('medications:list.ask'));
}

function listButtons(
  medications: MedicationRow[],
  t: TFunction,
  locale: SupportedLocale,
): Button[] {
  const picks = medications.map((medication, index) => ({
    value: `med:${medication.id}`,
    title: `${index + 1}. ${shortName(understandingOfRow(medication), locale)}`,
  }));
  return [
    ...picks,
    { value: ADD_VALUE, title: t('medications:button.add') },
    { value: DONE_VALUE, title: t('medications:button.done') },
  ];
}

function actionButtons(medication: MedicationRow, t: TFunction): Button[] {
  const actions: MedicationAction[] = [
    medication.paused_at ? 'resume' : 'pause',
    'change',
    'delete',
    'back',
  ];
  return actions.map((action) => ({
    value: actionValue(action),
    title: t(`medications:button.${action}`),
  }));
}
