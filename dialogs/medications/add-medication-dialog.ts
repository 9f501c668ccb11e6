/**
 * "Add a medication": for whom (a caregiver allowed to manage a patient's medications
 * chooses), where the person is when CareLine does not know yet (so reminders come at the
 * right local time), then what they take in their own words. The analyzer's understanding
 * goes to the review; when it finds nothing or cannot answer, the person is asked part by
 * part instead, and the flow never fails.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type {
  DoseAmount,
  MedicationUnderstanding,
  Strength,
} from '../../src/medications/analysis/medical-text-analyzer.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { joinParagraphs, withButtons } from '../shared/buttons.js';
import { askProfileQuestion, profilePatchFor, saveProfile } from '../shared/profile-questions.js';
import { chooseSubjectStep, nameOf } from './choose-subject-dialog.js';
import { analyzeDescription, unknownNotice } from './medication-analysis.js';
import {
  ADD_MEDICATION_DIALOG,
  ASK_PARTS_DIALOG,
  cancelButton,
  endCancelled,
  PROMPTS,
  REVIEW_DIALOG,
  wasCancelled,
  type ReviewOptions,
  type Subject,
} from './medication-flow.js';
import { applyPart, askPart } from './medication-parts.js';
import type { WhenAnswer } from './schedule-answers.js';

export interface AddMedicationOptions {
  /** Whose medication; asked (when there is a choice) when unset. */
  subject?: Subject;
}

interface AddValues {
  subject: Subject;
}

interface PartsValues {
  subject: Subject;
  draft: MedicationUnderstanding;
}

/** Registers "add a medication" and its part-by-part fallback. */
export function addAddMedicationDialogs(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new WaterfallDialog(ADD_MEDICATION_DIALOG, [
      chooseSubjectStep('manage_medications'),
      askPlaceWhenUnknown,
      (step) => savePlaceAndAskDescription(step, deps),
      (step) => understandDescription(step, deps),
    ]),
  );
  dialogs.add(
    new WaterfallDialog(ASK_PARTS_DIALOG, [
      (step) => askName(step, deps),
      (step) => keepNameAskStrength(step, deps),
      (step) => keepStrengthAskDose(step, deps),
      (step) => keepDoseAskWhen(step, deps),
      reviewParts,
    ]),
  );
}

/** Someone adding their own medication who never said where they are is asked once. */
async function askPlaceWhenUnknown(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const subject = step.result as Subject | undefined;
  if (!subject) return step.endDialog();

  (step.values as AddValues).subject = subject;
  const scope = getTurnScope(step.context);
  if (!subject.self || scope.person.time_zone) return step.next();
  return askProfileQuestion(step, scope, 'timeZone');
}

async function savePlaceAndAskDescription(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const place = step.result as string | null | undefined;
  const patch = place ? profilePatchFor('timeZone', place) : undefined;
  if (patch) await saveProfile(deps, scope, patch);

  const { t } = scope;
  const { subject } = step.values as AddValues;
  const question = subject.self
    ? t('medications:add.ask')
    : t('medications:add.askFor', { name: nameOf(subject, t) });
  const buttons = [cancelButton(t)];
  return step.prompt(PROMPTS.description, {
    prompt: withButtons(question, buttons),
    retryPrompt: withButtons(t('medications:add.retry'), buttons),
  });
}

async function understandDescription(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const { subject } = step.values as AddValues;
  const { t } = getTurnScope(step.context);
  const analysis = await analyzeDescription(step, deps, step.result as string);
  if (analysis.kind !== 'found') {
    const lead = t(
      analysis.kind === 'failed' ? 'medications:add.fallback' : 'medications:add.notFound',
    );
    return step.replaceDialog(ASK_PARTS_DIALOG, { subject, lead });
  }

  const [first, ...rest] = analysis.medications;
  const several = rest.length > 0 && t('medications:add.several', { count: rest.length + 1 });
  const unknown = !first!.recognized && unknownNotice(step, first!.name);
  const lead = joinParagraphs(several || undefined, unknown || undefined) || undefined;
  const options: ReviewOptions = { subject, draft: first!, pending: rest, lead };
  return step.replaceDialog(REVIEW_DIALOG, options);
}

async function askName(step: WaterfallStepContext, deps: DialogDependencies) {
  const { subject, lead } = step.options as { subject: Subject; lead?: string };
  const draft: MedicationUnderstanding = {
    name: '',
    recognized: false,
    asNeeded: false,
    problems: [],
  };
  Object.assign(step.values as PartsValues, { subject, draft });
  return askPart(step, deps, { subject, draft }, 'name', lead);
}

async function keepNameAskStrength(step: WaterfallStepContext, deps: DialogDependencies) {
  if (wasCancelled(step)) return endCancelled(step);
  const values = step.values as PartsValues;
  values.draft = applyPart(values.draft, 'name', step.result as string);
  return askPart(step, deps, values, 'strength');
}

async function keepStrengthAskDose(step: WaterfallStepContext, deps: DialogDependencies) {
  if (wasCancelled(step)) return endCancelled(step);
  const values = step.values as PartsValues;
  values.draft = applyPart(values.draft, 'strength', step.result as Strength | null);
  return askPart(step, deps, values, 'dose');
}

async function keepDoseAskWhen(step: WaterfallStepContext, deps: DialogDependencies) {
  if (wasCancelled(step)) return endCancelled(step);
  const values = step.values as PartsValues;
  values.draft = applyPart(values.draft, 'dose', step.result as DoseAmount | null);
  return askPart(step, deps, values, 'times');
}

async function reviewParts(step: WaterfallStepContext): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const { subject, draft } = step.values as PartsValues;
  const options: ReviewOptions = {
    subject,
    draft: applyPart(draft, 'times', step.result as WhenAnswer),
  };
  return step.replaceDialog(REVIEW_DIALOG, options);
}
