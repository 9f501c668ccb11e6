/**
 * Asking for one part of a medication (name, strength, dose, when, cycle, dates, as
 * needed) and putting the answer into the medication being reviewed. Used both to correct
 * a read-back and, when the analyzer could not help, to ask part by part.
 */
import type { DialogTurnResult, WaterfallStepContext } from 'botbuilder-dialogs';
import { getTurnScope, type TurnScope } from '../../src/bot/turn-scope.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import type {
  Cycle,
  DoseAmount,
  MedicationUnderstanding,
  Strength,
} from '../../src/medications/analysis/medical-text-analyzer.js';
import { todayOf } from '../../src/medications/medication-service.js';
import {
  withoutProblemsOf,
  type MedicationField,
} from '../../src/medications/medication-validation.js';
import { findPerson } from '../../src/storage/people.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import {
  cancelButton,
  PROMPTS,
  skipButton,
  type AmountValidations,
  type DateValidations,
  type Subject,
} from './medication-flow.js';
import type { WhenAnswer } from './schedule-answers.js';

/** A part's prompt and the buttons it offers. */
const PART_PROMPTS: Record<Exclude<MedicationField, 'dates'>, string> = {
  name: PROMPTS.name,
  strength: PROMPTS.strength,
  dose: PROMPTS.dose,
  times: PROMPTS.when,
  cycle: PROMPTS.cycle,
  asNeeded: PROMPTS.yesNo,
};

/** Asks for `field` (for dates: the start), after `lead` when given. */
export async function askPart(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  review: { subject: Subject; draft: MedicationUnderstanding },
  field: MedicationField,
  lead?: string,
): Promise<DialogTurnResult> {
  const { t, locale } = scopeOf(step);
  const buttons = [...partButtons(field, t), cancelButton(t)];
  const ask = joinParagraphs(lead, t(`medications:ask.${field}`, { name: review.draft.name }));
  const message = withButtons(ask, buttons);
  const retryPrompt = withButtons(t(`medications:retry.${field}`), buttons);
  if (field === 'dates') {
    const today = await todayFor(deps, step, review.subject);
    const validations: DateValidations = { today, locale };
    return step.prompt(PROMPTS.start, { prompt: message, retryPrompt, validations });
  }
  const validations: AmountValidations = {
    unit: review.draft.strength?.unit,
    form: review.draft.dose?.form,
    locale,
  };
  return step.prompt(PART_PROMPTS[field], { prompt: message, retryPrompt, validations });
}

/** Asks when a medication ends, counted from `start` when given as a length. */
export async function askEndDate(
  step: WaterfallStepContext,
  deps: DialogDependencies,
  subject: Subject,
  start: string,
): Promise<DialogTurnResult> {
  const { t, locale } = scopeOf(step);
  const today = await todayFor(deps, step, subject);
  const buttons = [
    { value: 'dates:no-end', title: t('medications:button.noEnd') },
    cancelButton(t),
  ];
  const validations: DateValidations = { today, start, locale };
  return step.prompt(PROMPTS.end, {
    prompt: withButtons(t('medications:ask.endDate'), buttons),
    retryPrompt: withButtons(t('medications:retry.endDate'), buttons),
    validations,
  });
}

/** The answers a part's question gives, by part. */
export interface PartAnswers {
  name: string;
  strength: Strength | null;
  dose: DoseAmount | null;
  times: WhenAnswer;
  cycle: Cycle | null;
  dates: { start: string; end: string | null };
  asNeeded: 'yes' | 'no';
}

/** `draft` with `field` set to `answer`, and without the problems that part had. */
export function applyPart<F extends MedicationField>(
  draft: MedicationUnderstanding,
  field: F,
  answer: PartAnswers[F],
): MedicationUnderstanding {
  return withoutProblemsOf(withPart(draft, field, answer), field);
}

/** `draft` with the reminder times (or interval, or as needed) an answer gives. */
export function applyWhen(
  draft: MedicationUnderstanding,
  when: WhenAnswer,
): MedicationUnderstanding {
  const { daysOfWeek } = draft.frequency ?? {};
  const base = { ...draft, asNeeded: when.kind === 'asNeeded' };
  switch (when.kind) {
    case 'times':
      return {
        ...base,
        frequency: { daysOfWeek, timesPerDay: when.timesOfDay.length, timesOfDay: when.timesOfDay },
      };
    case 'perDay':
      return { ...base, frequency: { daysOfWeek, timesPerDay: when.timesPerDay } };
    case 'interval':
      return { ...base, frequency: { daysOfWeek, everyHours: when.everyHours } };
    default:
      return base;
  }
}

function withPart<F extends MedicationField>(
  draft: MedicationUnderstanding,
  field: F,
  answer: PartAnswers[F],
): MedicationUnderstanding {
  const value = answer as PartAnswers[MedicationField];
  switch (field) {
    case 'name':
      return { ...draft, name: value as string };
    case 'strength':
      return { ...draft, strength: (value as Strength | null) ?? undefined };
    case 'dose':
      return { ...draft, dose: (value as DoseAmount | null) ?? undefined };
    case 'times':
      return applyWhen(draft, value as WhenAnswer);
    case 'cycle':
      return { ...draft, cycle: (value as Cycle | null) ?? undefined };
    case 'dates':
      return withDates(draft, value as PartAnswers['dates']);
    default:
      return { ...draft, asNeeded: value === 'yes' };
  }
}

function withDates(draft: MedicationUnderstanding, dates: PartAnswers['dates']) {
  const changed = { ...draft, startDate: dates.start, endDate: dates.end ?? undefined };
  delete changed.durationDays;
  return changed;
}

function partButtons(field: MedicationField, t: TFunction): Button[] {
  switch (field) {
    case 'strength':
    case 'dose':
      return [skipButton(t)];
    case 'times':
      return [{ value: 'when:as-needed', title: t('medications:button.asNeeded') }];
    case 'cycle':
      return [{ value: 'cycle:none', title: t('medications:button.noCycle') }];
    case 'dates':
      return [
        { value: 'dates:today', title: t('medications:button.today') },
        { value: 'dates:tomorrow', title: t('medications:button.tomorrow') },
      ];
    case 'asNeeded':
      return [
        { value: 'answer:yes', title: t('medications:button.yes') },
        { value: 'answer:no', title: t('medications:button.no') },
      ];
    default:
      return [];
  }
}

/** Today in the zone of the person whose medication it is. */
async function todayFor(
  deps: DialogDependencies,
  step: WaterfallStepContext,
  subject: Subject,
): Promise<string> {
  const { person } = scopeOf(step);
  const owner = subject.self ? person : await findPerson(deps.db, subject.id);
  return todayOf(owner ?? person, new Date());
}

function scopeOf(step: WaterfallStepContext): TurnScope {
  return getTurnScope(step.context);
}
