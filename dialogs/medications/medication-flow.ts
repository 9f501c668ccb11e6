/**
 * What the medication flows share: the dialog ids, the state one flow hands the next
 * (whose medication, the medication as understood so far), the prompts they ask with, and
 * the way every question can be cancelled.
 */
import type {
  DialogSet,
  DialogTurnResult,
  PromptOptions,
  WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import type { MedicationUnderstanding } from '../../src/medications/analysis/medical-text-analyzer.js';
import type { CareSubject } from '../../src/medications/medication-permissions.js';
import {
  MAX_NAME_CHARACTERS,
  type MedicationField,
} from '../../src/medications/medication-validation.js';
import { AnswerPrompt, type Answer } from '../shared/answer-prompt.js';
import type { Button } from '../shared/buttons.js';
import { isSkip, SKIP_VALUE } from '../shared/profile-answers.js';
import { cleanFreeText, countCharacters, normalizeAnswer } from '../shared/text.js';
import { parseDoseAmount, parseStrength } from './amount-answers.js';
import {
  CANCEL_VALUE,
  isCancel,
  recognizeAction,
  recognizeField,
  recognizeReadBackAnswer,
  recognizeYesNo,
} from './medication-answers.js';
import {
  parseCycle,
  parseDate,
  parseEndDate,
  parseWhen,
  type WhenAnswer,
} from './schedule-answers.js';

export const ADD_MEDICATION_DIALOG = 'medications:add';
export const ASK_PARTS_DIALOG = 'medications:ask-parts';
export const REVIEW_DIALOG = 'medications:review';
export const CHANGE_PART_DIALOG = 'medications:change-part';
export const MY_MEDICATIONS_DIALOG = 'medications:list';
export const ADHERENCE_DIALOG = 'medications:adherence';
export const CHOOSE_SUBJECT_DIALOG = 'medications:choose-subject';
export const SKIP_DOSE_DIALOG = 'medications:skip-dose';

/** The result of any question when the person cancelled the flow. */
export const CANCELLED = 'medications:cancelled';
type Cancelled = typeof CANCELLED;

/** Longest description of a medication read, in characters (the analyzers' limit). */
export const MAX_DESCRIPTION_CHARACTERS = 300;
/** Longest reason for skipping a dose kept, in characters. */
export const MAX_SKIP_REASON_CHARACTERS = 200;

/** Whose medication a flow is about. */
export type Subject = CareSubject;

/** What the review of one medication carries from question to question. */
export interface ReviewOptions {
  subject: Subject;
  draft: MedicationUnderstanding;
  /** Set when a saved medication is being changed. */
  medicationId?: string;
  /** Further medications found in the same description, reviewed after this one. */
  pending?: MedicationUnderstanding[];
  /** Said before the next question ("I don't know this one…"). */
  lead?: string;
}

/** The review, about to change one part (asked which when `field` is unset). */
export interface ChangePartOptions extends ReviewOptions {
  field?: MedicationField;
}

/** Prompt ids. */
export const PROMPTS = {
  description: 'medications:prompt:description',
  name: 'medications:prompt:name',
  strength: 'medications:prompt:strength',
  dose: 'medications:prompt:dose',
  when: 'medications:prompt:when',
  cycle: 'medications:prompt:cycle',
  start: 'medications:prompt:start',
  end: 'medications:prompt:end',
  yesNo: 'medications:prompt:yes-no',
  readBack: 'medications:prompt:read-back',
  field: 'medications:prompt:field',
  choice: 'medications:prompt:choice',
  action: 'medications:prompt:action',
  skipReason: 'medications:prompt:skip-reason',
} as const;

/** What the date questions need to read "today" and "for 10 days". */
export interface DateValidations {
  today: string;
  start?: string;
  locale: 'en' | 'es';
}

/** What the strength and dose questions need to read a bare number and its digits. */
export interface AmountValidations {
  /** The unit a bare number for the strength takes. */
  unit?: string;
  /** The dose form a bare number for the dose keeps. */
  form?: string;
  /** How the person writes numbers ("1,500" or "1.500"); English when unset. */
  locale?: 'en' | 'es';
}

/** Values a choice prompt accepts, each with the typed words (normalised) that pick it. */
export interface ChoiceValidations {
  choices: Array<{ value: string; phrases: string[] }>;
}

/** Registers every prompt of the medication flows. */
export function addMedicationPrompts(dialogs: DialogSet): void {
  const add = <T>(id: string, recognize: (text: string, options: PromptOptions) => T | undefined) =>
    dialogs.add(new AnswerPrompt<T | Cancelled>(id, cancellable(recognize)));

  add(PROMPTS.description, (text) => freeText(text, MAX_DESCRIPTION_CHARACTERS));
  add(PROMPTS.name, (text) => freeText(text, MAX_NAME_CHARACTERS));
  add(PROMPTS.strength, (text, options) => {
    const { unit, locale = 'en' } = validations<AmountValidations>(options);
    return isSkip(text) ? null : parseStrength(text, locale, unit);
  });
  add(PROMPTS.dose, (text, options) => {
    const { form, locale = 'en' } = validations<AmountValidations>(options);
    return isSkip(text) ? null : parseDoseAmount(text, locale, form);
  });
  add(PROMPTS.when, recognizeWhen);
  add(PROMPTS.cycle, (text) => parseCycle(text));
  add(PROMPTS.start, (text, options) => {
    const { today, locale } = validations<DateValidations>(options);
    return parseDate(text, today, locale);
  });
  add(PROMPTS.end, (text, options) => {
    const { today, start, locale } = validations<DateValidations>(options);
    return parseEndDate(text, start ?? today, today, locale);
  });
  add(PROMPTS.yesNo, recognizeYesNo);
  add(PROMPTS.readBack, recognizeReadBackAnswer);
  add(PROMPTS.field, recognizeField);
  add(PROMPTS.choice, recognizeChoice);
  add(PROMPTS.action, recognizeAction);
  dialogs.add(
    new AnswerPrompt<string | null>(PROMPTS.skipReason, (text) =>
      isSkip(text) ? { value: null } : wrap(freeText(text, MAX_SKIP_REASON_CHARACTERS)),
    ),
  );
}

/** True when the answer the step received cancels the flow. */
export function wasCancelled(step: WaterfallStepContext): boolean {
  return step.result === CANCELLED;
}

/** Says nothing was saved and ends the flow. */
export async function endCancelled(step: WaterfallStepContext): Promise<DialogTurnResult> {
  await step.context.sendActivity(getTurnScope(step.context).t('medications:cancelled'));
  return step.endDialog();
}

/** The Cancel button every medication question offers. */
export function cancelButton(t: TFunction): Button {
  return { value: CANCEL_VALUE, title: t('medications:button.cancel') };
}

/** The Skip button of optional questions. */
export function skipButton(t: TFunction): Button {
  return { value: SKIP_VALUE, title: t('common:skip') };
}

/** A reply that any question accepts as "Cancel" goes through before the recognizer. */
function cancellable<T>(
  recognize: (text: string, options: PromptOptions) => T | undefined,
): (text: string, options: PromptOptions) => Answer<T | Cancelled> | undefined {
  return (text, options) => {
    if (isCancel(text)) return { value: CANCELLED };
    return wrap(recognize(text, options));
  };
}

/** "Times:suggested" takes the suggested times; otherwise anything `parseWhen` reads. */
function recognizeWhen(text: string, options: PromptOptions): WhenAnswer | undefined {
  const { suggested } = validations<{ suggested?: string[] }>(options);
  if (suggested && text.trim() === SUGGESTED_TIMES_VALUE) {
    return { kind: 'times', timesOfDay: suggested };
  }
  return parseWhen(text);
}

/** The button value that accepts the suggested reminder times. */
export const SUGGESTED_TIMES_VALUE = 'times:suggested';

function recognizeChoice(text: string, options: PromptOptions): string | undefined {
  const { choices } = validations<ChoiceValidations>(options);
  const typed = normalizeAnswer(text);
  return choices.find((choice) => choice.value === text.trim() || choice.phrases.includes(typed))
    ?.value;
}

function freeText(text: string, maxCharacters: number): string | undefined {
  const cleaned = cleanFreeText(text);
  const length = countCharacters(cleaned);
  return length > 0 && length <= maxCharacters && /\p{L}/u.test(cleaned) ? cleaned : undefined;
}

function validations<T>(options: PromptOptions): T {
  return (options.validations ?? {}) as T;
}

// `null` is an answer ("skip", "no cycle"); only undefined is a reply that is not one.
function wrap<T>(value: T | undefined): Answer<T> | undefined {
  return value === undefined ? undefined : { value };
}
