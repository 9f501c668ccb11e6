/**
 * "Delete my data", from the menu or typed at any moment: explains what is erased and that
 * it cannot be undone, asks to confirm, and then erases everything CareLine holds about
 * the person. Keeping the data returns to whatever question was open before.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import { eraseAllPersonData } from '../../src/people/people-service.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { AnswerPrompt } from '../shared/answer-prompt.js';
import { withButtons } from '../shared/buttons.js';
import { matchPhrase } from '../shared/text.js';

export const DELETE_DATA_DIALOG = 'delete-data';
const CONFIRM_PROMPT = 'delete-data:confirm';

/** The result when the person chose to keep their data. */
export const DATA_KEPT = 'delete-data:kept';

type Confirmation = 'erase' | 'keep';

const CONFIRM_PHRASES: Record<Confirmation, readonly string[]> = {
  erase: [
    'delete:confirm',
    'yes',
    'yes delete everything',
    'yes, delete everything',
    'delete everything',
    'delete',
    'si',
    'si, borrar todo',
    'si borrar todo',
    'borrar todo',
    'borrar',
  ],
  keep: [
    'delete:keep',
    'no',
    'no, keep it',
    'no keep it',
    'keep it',
    'keep',
    'cancel',
    'no, conservarlos',
    'no conservarlos',
    'conservarlos',
    'conservar',
    'cancelar',
  ],
};

/** Registers the deletion flow and its confirmation prompt. */
export function addDeleteDataDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new AnswerPrompt<Confirmation>(CONFIRM_PROMPT, (text) => {
      const answer = matchPhrase(text, CONFIRM_PHRASES);
      return answer && { value: answer };
    }),
  );
  dialogs.add(
    new WaterfallDialog(DELETE_DATA_DIALOG, [askToConfirm, (step) => eraseOrKeep(step, deps)]),
  );
}

async function askToConfirm(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const { t } = getTurnScope(step.context);
  const buttons = [
    { value: 'delete:confirm', title: t('delete-data:confirm') },
    { value: 'delete:keep', title: t('delete-data:keep') },
  ];
  return step.prompt(CONFIRM_PROMPT, {
    prompt: withButtons(t('delete-data:explain'), buttons),
    retryPrompt: withButtons(t('delete-data:retry'), buttons),
  });
}

async function eraseOrKeep(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  if (step.result !== 'erase') {
    await step.context.sendActivity(scope.t('delete-data:kept'));
    return step.endDialog(DATA_KEPT);
  }

  await eraseAllPersonData(deps.db, scope.person.id);
  scope.erased = true;
  await step.context.sendActivity(scope.t('delete-data:erased'));
  // Nothing below may resume: there is no one left to ask.
  return step.cancelAllDialogs();
}
