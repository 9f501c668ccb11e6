/**
 * Answers to dose reminders, which work from any point of a conversation (like commands):
 * the reminder's buttons (`dose:taken:<id>`, `dose:snooze:<id>`, `dose:skip:<id>`) and a
 * late "took it" / "ya la tomé" typed hours later, matched to the most recent open dose.
 * Skipping asks for an optional reason. Confirmations name the dose by its time only, as
 * the reminders do.
 */
import type { TurnContext } from 'botbuilder';
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { DateTime } from 'luxon';
import { getTurnScope, type TurnScope } from '../../src/bot/turn-scope.js';
import {
  findOpenDoseOf,
  recordDoseSkipped,
  recordDoseTaken,
  recordLateDoseTaken,
  snoozeDoseOf,
  type DoseAnswerOutcome,
} from '../../src/medications/dose-service.js';
import { timeZoneOf } from '../../src/medications/medication-service.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { withButtons } from '../shared/buttons.js';
import { normalizeAnswer } from '../shared/text.js';
import { PROMPTS, skipButton, SKIP_DOSE_DIALOG } from './medication-flow.js';

/** A reply to a dose reminder. */
export type DoseReply =
  | { kind: 'taken' | 'snooze' | 'skip'; doseId: string }
  /** "Took it", about whichever dose is the most recent open one. */
  | { kind: 'late' };

export interface SkipDoseOptions {
  doseId: string;
}

const DOSE_BUTTON = /^dose:(taken|snooze|skip):(\d{1,18})$/;
const LATE_REPLIES = [
  /^(?:yes,? )?(?:i )?(?:already |just )?took (?:it|them|my (?:pills?|medicines?|medications?|meds|dose|tablets?|capsules?))(?: already)?$/,
  /^(?:it's |its )?(?:taken|done, taken)$/,
  /^(?:si,? )?(?:ya )?(?:me )?(?:la|lo|las|los) tome(?: ya)?$/,
  /^(?:si,? )?(?:ya )?(?:me )?tome (?:mi|mis|la|las|el|los) (?:pastillas?|medicinas?|medicamentos?|dosis|capsulas?)$/,
  /^(?:ya )?(?:tomada|tomado)$/,
];

/** The dose reply `text` is, or undefined for anything else. */
export function recognizeDoseReply(text: string): DoseReply | undefined {
  const button = DOSE_BUTTON.exec(text.trim());
  if (button) return { kind: button[1] as 'taken' | 'snooze' | 'skip', doseId: button[2]! };

  const typed = normalizeAnswer(text).replace(/!+$/, '');
  return LATE_REPLIES.some((pattern) => pattern.test(typed)) ? { kind: 'late' } : undefined;
}

/** Registers the "why did you skip it?" question. */
export function addSkipDoseDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new WaterfallDialog(SKIP_DOSE_DIALOG, [
      (step) => askWhySkipped(step, deps),
      (step) => recordSkip(step, deps),
    ]),
  );
}

/**
 * Answers a taken, snooze or late reply and says what was recorded. Returns false, having
 * said nothing, for a late reply with no open dose while a question is open: the words
 * were probably the answer to it.
 */
export async function answerDoseReply(
  context: TurnContext,
  deps: DialogDependencies,
  scope: TurnScope,
  reply: Exclude<DoseReply, { kind: 'skip' }>,
  questionOpen: boolean,
): Promise<boolean> {
  const outcome = await recordReply(deps, scope, reply);
  if (reply.kind === 'late' && outcome.kind === 'not_open') {
    if (questionOpen) return false;
    await context.sendActivity(scope.t('medications:dose.nothingOpen'));
    return true;
  }

  await context.sendActivity(describeOutcome(outcome, scope));
  return true;
}

async function recordReply(
  deps: DialogDependencies,
  scope: TurnScope,
  reply: Exclude<DoseReply, { kind: 'skip' }>,
): Promise<DoseAnswerOutcome> {
  const personId = scope.person.id;
  switch (reply.kind) {
    case 'taken':
      return recordDoseTaken(deps.db, personId, reply.doseId);
    case 'snooze':
      return snoozeDoseOf(deps, personId, reply.doseId);
    default:
      return recordLateDoseTaken(deps.db, personId, new Date());
  }
}

async function askWhySkipped(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const { doseId } = step.options as SkipDoseOptions;
  const dose = await findOpenDoseOf(deps.db, scope.person.id, doseId);
  if (!dose) {
    await step.context.sendActivity(scope.t('medications:dose.notOpen'));
    return step.endDialog();
  }

  const { t } = scope;
  const question = t('medications:dose.skipWhy', { time: localTimeOf(dose.due_at, scope) });
  const buttons = [skipButton(t)];
  return step.prompt(PROMPTS.skipReason, {
    prompt: withButtons(question, buttons),
    retryPrompt: withButtons(t('medications:dose.skipWhyRetry'), buttons),
  });
}

async function recordSkip(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const { doseId } = step.options as SkipDoseOptions;
  const reason = (step.result as string | null) ?? undefined;
  const outcome = await recordDoseSkipped(deps.db, scope.person.id, doseId, reason);
  await step.context.sendActivity(describeOutcome(outcome, scope, reason !== undefined));
  return step.endDialog();
}

function describeOutcome(outcome: DoseAnswerOutcome, scope: TurnScope, gaveReason = false) {
  const { t } = scope;
  switch (outcome.kind) {
    case 'taken':
      return t('medications:dose.taken', { time: localTimeOf(outcome.dose.due_at, scope) });
    case 'skipped':
      return t(gaveReason ? 'medications:dose.skippedWithReason' : 'medications:dose.skipped', {
        time: localTimeOf(outcome.dose.due_at, scope),
      });
    case 'snoozed':
      return t('medications:dose.snoozed', { time: localTimeOf(outcome.until, scope) });
    default:
      return t('medications:dose.notOpen');
  }
}

/** 'HH:mm' of an instant on the person's clock. */
function localTimeOf(instant: Date, scope: TurnScope): string {
  return DateTime.fromJSDate(instant, { zone: timeZoneOf(scope.person) }).toFormat('HH:mm');
}
