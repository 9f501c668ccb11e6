/**
 * Reviewing one medication before it is saved: problems are asked about first (never
 * saved), reminder times are asked when only "twice a day" was said, then the medication
 * is read back with Yes / Change something / Cancel. "Change" picks one part, asks it
 * again and reads back again. Yes saves it (or the change to a saved one) and plans its
 * reminders; further medications found in the same words follow.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import { isQuietTime, operatorQuietWindow, quietWindowOf } from '../../src/outbox/quiet-hours.js';
import type { MedicationUnderstanding } from '../../src/medications/analysis/medical-text-analyzer.js';
import {
  addMedication,
  changeMedication,
  type SaveOutcome,
} from '../../src/medications/medication-service.js';
import {
  fieldOfProblem,
  findMedicationProblems,
  needsTimesOfDay,
  type MedicationField,
} from '../../src/medications/medication-validation.js';
import { defaultTimesOfDay } from '../../src/medications/schedule/default-times-of-day.js';
import type { MedicationRow } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import { nameOf } from './choose-subject-dialog.js';
import { describeMedication, describeWhen, listTimes } from './describe-medication.js';
import { fieldValue, type ReadBackAnswer } from './medication-answers.js';
import {
  cancelButton,
  CHANGE_PART_DIALOG,
  endCancelled,
  PROMPTS,
  REVIEW_DIALOG,
  SUGGESTED_TIMES_VALUE,
  wasCancelled,
  type ChangePartOptions,
  type ReviewOptions,
} from './medication-flow.js';
import { askEndDate, askPart, applyPart, type PartAnswers } from './medication-parts.js';
import { recognizeMedicationName } from './medication-analysis.js';
import type { WhenAnswer } from './schedule-answers.js';

const CHANGEABLE_FIELDS: readonly MedicationField[] = [
  'name',
  'strength',
  'dose',
  'times',
  'cycle',
  'dates',
  'asNeeded',
];

interface ReviewValues {
  review: ReviewOptions;
}

interface ChangeValues {
  review: ReviewOptions;
  field: MedicationField;
  start?: string;
}

/** Registers the review and the change of one part. */
export function addReviewDialogs(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(
    new WaterfallDialog(REVIEW_DIALOG, [
      checkProblemsAndTimes,
      (step) => readBack(step, deps),
      (step) => actOnReadBack(step, deps),
    ]),
  );
  dialogs.add(
    new WaterfallDialog(CHANGE_PART_DIALOG, [
      askWhichPart,
      (step) => askNewValue(step, deps),
      (step) => askEndWhenDates(step, deps),
      (step) => applyNewValue(step, deps),
    ]),
  );
}

async function checkProblemsAndTimes(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const review = { ...(step.options as ReviewOptions) };
  (step.values as ReviewValues).review = review;
  const { t } = getTurnScope(step.context);
  const [problem] = findMedicationProblems(review.draft);
  if (problem) {
    const lead = joinParagraphs(review.lead, t(`medications:problem.${problem}`));
    const options: ChangePartOptions = { ...review, field: fieldOfProblem(problem), lead };
    return step.replaceDialog(CHANGE_PART_DIALOG, options);
  }
  if (!needsTimesOfDay(review.draft)) return step.next();

  const lead = review.lead;
  review.lead = undefined;
  return askReminderTimes(step, review.draft, lead);
}

/** "It's taken twice a day. At what times…?", with the default times as a suggestion. */
async function askReminderTimes(
  step: WaterfallStepContext,
  draft: MedicationUnderstanding,
  lead: string | undefined,
): Promise<DialogTurnResult> {
  const { t, locale } = getTurnScope(step.context);
  const timesPerDay = draft.frequency?.timesPerDay;
  const suggested = defaultTimesOfDay(timesPerDay ?? 1);
  const buttons: Button[] = [
    {
      value: SUGGESTED_TIMES_VALUE,
      title: t('medications:button.useTimes', { times: listTimes(suggested, locale) }),
    },
  ];
  if (timesPerDay === undefined) {
    buttons.push({ value: 'when:as-needed', title: t('medications:button.asNeeded') });
  }
  buttons.push(cancelButton(t));
  const question =
    timesPerDay === undefined
      ? t('medications:ask.reminderTimes', { name: draft.name })
      : t('medications:ask.reminderTimesPerDay', { name: draft.name, count: timesPerDay });
  return step.prompt(PROMPTS.when, {
    prompt: withButtons(joinParagraphs(lead, question), buttons),
    retryPrompt: withButtons(t('medications:retry.times'), buttons),
    validations: { suggested },
  });
}

async function readBack(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const { review } = step.values as ReviewValues;
  const answer = step.result as WhenAnswer | undefined;
  if (answer) {
    const draft = applyPart(review.draft, 'times', answer);
    // A count or an interval is checked (and times asked) again before the read-back.
    if (answer.kind === 'perDay' || answer.kind === 'interval') {
      return step.replaceDialog(REVIEW_DIALOG, { ...review, draft });
    }
    review.draft = draft;
  }

  const { t, locale } = getTurnScope(step.context);
  const summary = describeMedication(review.draft, t, locale);
  const intro = review.subject.self
    ? t('medications:review.intro')
    : t('medications:review.introFor', { name: nameOf(review.subject, t) });
  const buttons: Button[] = [
    { value: 'med:yes', title: t('medications:button.yes') },
    { value: 'med:change', title: t('medications:button.changeSomething') },
    cancelButton(t),
  ];
  const text = joinParagraphs(
    review.lead,
    `${intro}\n${summary}`,
    review.subject.self ? quietHoursNote(step, deps, review.draft) : undefined,
    t('medications:review.question'),
  );
  return step.prompt(PROMPTS.readBack, {
    prompt: withButtons(text, buttons),
    retryPrompt: withButtons(t('medications:review.retry'), buttons),
  });
}

async function actOnReadBack(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const { review } = step.values as ReviewValues;
  const answer = step.result as ReadBackAnswer;
  if (wasCancelled(step) || answer === 'cancel') return endCancelled(step);
  if (answer === 'change') {
    const options: ChangePartOptions = { ...review, lead: undefined };
    return step.replaceDialog(CHANGE_PART_DIALOG, options);
  }

  return save(step, deps, review);
}

async function save(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  review: ReviewOptions,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const request = { actorId: person.id, medication: review.draft, now: new Date() };
  const outcome: SaveOutcome = review.medicationId
    ? await changeMedication(deps, { ...request, medicationId: review.medicationId })
    : await addMedication(deps, { ...request, patientId: review.subject.id });
  switch (outcome.kind) {
    case 'saved':
      await step.context.sendActivity(savedMessage(step, outcome.medication, review));
      return continueWithPending(step, review);
    case 'problems': {
      const [problem] = outcome.problems;
      const lead = t(`medications:problem.${problem!}`);
      const options: ChangePartOptions = { ...review, field: fieldOfProblem(problem!), lead };
      return step.replaceDialog(CHANGE_PART_DIALOG, options);
    }
    case 'not_allowed':
      await step.context.sendActivity(
        t('medications:notAllowed', { name: nameOf(review.subject, t) }),
      );
      return step.endDialog();
    default:
      await step.context.sendActivity(t('medications:notFound'));
      return step.endDialog();
  }
}

/** "Saved X to your medications." and when the reminders come (or that none will). */
function savedMessage(
  step: WaterfallStepContext,
  medication: MedicationRow,
  review: ReviewOptions,
): string {
  const { t, locale } = getTurnScope(step.context);
  const key = review.medicationId ? 'changed' : 'saved';
  const saved = review.subject.self
    ? t(`medications:${key}.self`, { name: medication.name })
    : t(`medications:${key}.other`, { name: medication.name, person: nameOf(review.subject, t) });
  const reminders = medication.as_needed
    ? t('medications:reminders.none')
    : t('medications:reminders.when', { when: describeWhen(review.draft, t, locale) });
  const paused = medication.paused_at ? t('medications:reminders.stillPaused') : undefined;
  return joinParagraphs(saved, paused ?? reminders);
}

async function continueWithPending(step: WaterfallStepContext, review: ReviewOptions) {
  const [next, ...rest] = review.pending ?? [];
  if (!next) return step.endDialog();

  const { t } = getTurnScope(step.context);
  const lead = t('medications:review.next', { name: next.name });
  const options: ReviewOptions = { subject: review.subject, draft: next, pending: rest, lead };
  return step.replaceDialog(REVIEW_DIALOG, options);
}

async function askWhichPart(step: WaterfallStepContext): Promise<DialogTurnResult> {
  const options = step.options as ChangePartOptions;
  const { field, ...review } = options;
  (step.values as ChangeValues).review = review;
  if (field) return step.next(field);

  const { t } = getTurnScope(step.context);
  const buttons: Button[] = [
    ...CHANGEABLE_FIELDS.map((part) => ({
      value: fieldValue(part),
      title: t(`medications:field.${part}`),
    })),
    { value: fieldValue('back'), title: t('medications:button.back') },
    cancelButton(t),
  ];
  return step.prompt(PROMPTS.field, {
    prompt: withButtons(joinParagraphs(review.lead, t('medications:change.ask')), buttons),
    retryPrompt: withButtons(t('medications:change.retry'), buttons),
  });
}

async function askNewValue(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const values = step.values as ChangeValues;
  const choice = step.result as MedicationField | 'back';
  if (choice === 'back')
    return step.replaceDialog(REVIEW_DIALOG, { ...values.review, lead: undefined });

  values.field = choice;
  // A lead from the options was shown with "which part?" when that was asked.
  const { field } = step.options as ChangePartOptions;
  const lead = field ? values.review.lead : undefined;
  values.review = { ...values.review, lead: undefined };
  return askPart(step, deps, values.review, choice, lead);
}

async function askEndWhenDates(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const values = step.values as ChangeValues;
  if (values.field !== 'dates') return step.next(step.result);

  values.start = step.result as string;
  return askEndDate(step, deps, values.review.subject, values.start);
}

async function applyNewValue(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  if (wasCancelled(step)) return endCancelled(step);
  const { review, field, start } = step.values as ChangeValues;
  const answer =
    field === 'dates' ? { start: start!, end: step.result as string | null } : step.result;
  let draft = applyPart(review.draft, field, answer as PartAnswers[typeof field]);
  let lead: string | undefined;
  if (field === 'name') {
    const recognized = await recognizeMedicationName(step, deps, draft);
    draft = recognized.draft;
    lead = recognized.notice;
  }
  return step.replaceDialog(REVIEW_DIALOG, { ...review, draft, lead } satisfies ReviewOptions);
}

/**
 * Says when a reminder time falls in the person's quiet hours: it will then arrive when they
 * end, which a person choosing 22:00 would not expect.
 */
function quietHoursNote(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  draft: MedicationUnderstanding,
): string | undefined {
  if (draft.asNeeded) return undefined;

  const { person, t } = getTurnScope(step.context);
  const window = quietWindowOf(person, operatorQuietWindow(deps.config));
  const quiet = (draft.frequency?.timesOfDay ?? []).filter((time) => isQuietTime(time, window));
  if (quiet.length === 0) return undefined;

  return t('medications:review.quietHours', {
    times: quiet.join(', '),
    start: window.start,
    end: window.end,
  });
}
