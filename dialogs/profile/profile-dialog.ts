/**
 * "My profile": shows what CareLine holds about the person and changes one field at a time,
 * with the same questions and checks as onboarding. Each change is saved and confirmed; a
 * new language takes effect from the confirmation on. Every person can also set their quiet
 * hours and whether texts may name health details, which onboarding never asks. A person
 * with more than one linked channel also sees, and can change, their preferred channel.
 */
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type PromptOptions,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope } from '../../src/bot/turn-scope.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import { operatorQuietWindow } from '../../src/outbox/quiet-hours.js';
import { listLinkedChannels } from '../../src/people/preferred-address.js';
import type { ChannelId, Person } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { PREFERRED_CHANNEL_DIALOG } from '../linking/linking-dialog.js';
import { AnswerPrompt } from '../shared/answer-prompt.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import {
  askProfileQuestion,
  changeableFieldsOf,
  describeFieldValue,
  describeProfile,
  profilePatchFor,
  saveProfile,
  type ProfileAnswers,
  type ProfileField,
} from '../shared/profile-questions.js';
import { matchPhrase } from '../shared/text.js';

export const PROFILE_DIALOG = 'profile';
const FIELD_PROMPT = 'profile:field';

export interface ProfileOptions {
  /** Go straight to changing this field (the menu's "Change language"). */
  field?: ProfileField;
}

type FieldChoice = ProfileField | 'preferredChannel' | 'done';

/** What the flow keeps between turns: the field being changed. */
interface ChangeValues {
  field?: ProfileField;
}

// Button values are lowercase, as answers are compared lowercased.
const FIELD_PHRASES: Record<FieldChoice, readonly string[]> = {
  role: ['field:role', 'role', 'my role', 'rol', 'mi rol'],
  name: ['field:name', 'name', 'my name', 'nombre', 'mi nombre'],
  language: ['field:language', 'language', 'idioma'],
  timeZone: ['field:time-zone', 'time zone', 'timezone', 'city', 'zona horaria', 'ciudad'],
  cancerType: ['field:cancer-type', 'cancer type', 'cancer', 'tipo de cancer'],
  region: ['field:region', 'region', 'state', 'estado', 'provincia'],
  quietHours: ['field:quiet-hours', 'quiet hours', 'horas de silencio', 'horario de silencio'],
  textDetails: [
    'field:text-details',
    'health details in texts',
    'health details',
    'details in texts',
    'detalles de salud en los mensajes',
    'detalles de salud',
  ],
  preferredChannel: [
    'field:preferred-channel',
    'preferred app',
    'app',
    'channel',
    'app preferida',
    'canal',
  ],
  done: ['field:done', 'done', 'nothing', 'no', 'cancel', 'listo', 'nada', 'cancelar'],
};

/** Registers the profile flow and its "which field?" prompt. */
export function addProfileDialog(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(new AnswerPrompt<FieldChoice>(FIELD_PROMPT, recognizeFieldChoice));
  dialogs.add(
    new WaterfallDialog(PROFILE_DIALOG, [
      (step) => showProfileAndAskField(step, deps),
      (step) => askNewValue(step, deps),
      (step) => saveChange(step, deps),
    ]),
  );
}

/** Only the person's own fields can be picked; the allowed ones travel in `validations`. */
function recognizeFieldChoice(text: string, options: PromptOptions) {
  const choice = matchPhrase(text, FIELD_PHRASES);
  const allowed = (options.validations as { fields?: FieldChoice[] } | undefined)?.fields ?? [];
  return choice && allowed.includes(choice) ? { value: choice } : undefined;
}

async function showProfileAndAskField(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const field = (step.options as ProfileOptions | undefined)?.field;
  if (field) return step.next(field);

  const { person, t } = getTurnScope(step.context);
  const choosesChannel = (await listLinkedChannels(deps.db, person.id)).length > 1;
  const buttons = fieldButtons(person, t, choosesChannel);
  const profile = describeProfile(person, t, {
    fields: changeableFieldsOf(person),
    quietDefaults: operatorQuietWindow(deps.config),
  });
  const lines = joinLines(profile, choosesChannel && describeChannel(person, t));
  const text = joinParagraphs(t('profile:intro'), lines, t('profile:ask'));
  const fields: FieldChoice[] = [...changeableFieldsOf(person), 'done'];
  if (choosesChannel) fields.push('preferredChannel');
  return step.prompt(FIELD_PROMPT, {
    prompt: withButtons(text, buttons),
    retryPrompt: withButtons(t('profile:retry'), buttons),
    validations: { fields },
  });
}

async function askNewValue(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const choice = step.result as FieldChoice;
  if (choice === 'done') return step.endDialog();
  if (choice === 'preferredChannel') return step.replaceDialog(PREFERRED_CHANNEL_DIALOG);

  (step.values as ChangeValues).field = choice;
  return askProfileQuestion(
    step,
    getTurnScope(step.context),
    choice,
    operatorQuietWindow(deps.config),
  );
}

async function saveChange(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const { field } = step.values as Required<ChangeValues>;
  const patch = profilePatchFor(field, step.result as ProfileAnswers[typeof field]);
  const scope = getTurnScope(step.context);
  if (!patch) {
    await step.context.sendActivity(scope.t('profile:unchanged'));
    return step.endDialog();
  }

  await saveProfile(deps, scope, patch);
  const { t, person } = scope;
  const label = t(`common:field.${field}.label`);
  const value = describeFieldValue(person, field, t, operatorQuietWindow(deps.config));
  await step.context.sendActivity(t('profile:saved', { label, value }));
  return step.endDialog();
}

function fieldButtons(person: Person, t: TFunction, choosesChannel: boolean): Button[] {
  const buttons = changeableFieldsOf(person).map((field) => ({
    value: FIELD_PHRASES[field][0]!,
    title: t(`common:field.${field}.label`),
  }));
  if (choosesChannel) {
    buttons.push({
      value: FIELD_PHRASES.preferredChannel[0]!,
      title: t('profile:preferredChannel'),
    });
  }
  return [...buttons, { value: 'field:done', title: t('profile:done') }];
}

/** "• Preferred app: Telegram", or "Not set". */
function describeChannel(person: Person, t: TFunction): string {
  const channel: ChannelId | null = person.preferred_channel;
  const value = channel ? t(`linking:channel.${channel}`) : t('common:notSet');
  return t('common:profileLine', { label: t('profile:preferredChannel'), value });
}

function joinLines(...lines: (string | false)[]): string {
  return lines.filter((line) => line).join('\n');
}
