/**
 * Linking another app to a profile, as the person meets it: "Link another app" makes a
 * one-time code and says how to use it; a code typed in another app links that app, and
 * the turn carries on as the code's person, in their language. Once a person has more than
 * one channel, they choose which one CareLine should use for reminders and messages; the
 * profile flow asks the same question.
 */
import type { TurnContext } from 'botbuilder';
import {
  WaterfallDialog,
  type DialogSet,
  type DialogTurnResult,
  type PromptOptions,
  type WaterfallStepContext,
} from 'botbuilder-dialogs';
import { getTurnScope, type TurnScope } from '../../src/bot/turn-scope.js';
import { matchLocale, type TFunction } from '../../src/i18n/i18n.js';
import {
  issueLinkCode,
  LINK_CODE_TTL_MINUTES,
  redeemLinkCode,
} from '../../src/linking/linking-service.js';
import { listLinkedChannels, setPreferredChannel } from '../../src/people/preferred-address.js';
import { findPerson } from '../../src/storage/people.js';
import type { ChannelId } from '../../src/storage/schema.js';
import type { DialogDependencies } from '../careline-dialogs.js';
import { AnswerPrompt } from '../shared/answer-prompt.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import { matchPhrase } from '../shared/text.js';

export const PREFERRED_CHANNEL_DIALOG = 'linking:preferred-channel';
const PREFERRED_CHANNEL_PROMPT = 'linking:preferred-channel-prompt';

export interface PreferredChannelOptions {
  /** Said before the question, in the same message ("Linked!"). */
  lead?: string;
}

// Button values first; typed names in English and Spanish, normalised.
const CHANNEL_PHRASES: Record<ChannelId, readonly string[]> = {
  webchat: ['channel:webchat', 'web chat', 'webchat', 'web', 'chat web', 'website', 'sitio web'],
  telegram: ['channel:telegram', 'telegram'],
  sms: ['channel:sms', 'sms', 'text', 'texts', 'text messages', 'mensajes de texto', 'mensajes'],
};

/** Registers the preferred-channel question. */
export function addLinkingDialogs(dialogs: DialogSet, deps: DialogDependencies): void {
  dialogs.add(new AnswerPrompt<ChannelId>(PREFERRED_CHANNEL_PROMPT, recognizeChannelChoice));
  dialogs.add(
    new WaterfallDialog(PREFERRED_CHANNEL_DIALOG, [
      (step) => askPreferredChannel(step, deps),
      (step) => savePreferredChannel(step, deps),
    ]),
  );
}

/** Makes a new link code for the person and returns the message that shows it. */
export async function describeNewLinkCode(
  deps: DialogDependencies,
  scope: TurnScope,
): Promise<string> {
  const { code } = await issueLinkCode(deps.db, scope.person.id);
  return scope.t('linking:code', { code, minutes: LINK_CODE_TTL_MINUTES });
}

/**
 * Redeems a code typed in this conversation. When it links the app, the turn carries on as
 * the code's person (in their language) and true is returned; otherwise the person is told
 * kindly why not, and false is returned.
 */
export async function redeemTypedCode(
  context: TurnContext,
  deps: DialogDependencies,
  scope: TurnScope,
  code: string,
): Promise<boolean> {
  const identity = { channel: scope.conversation.channel, externalId: context.activity.from.id };
  const outcome = await redeemLinkCode(deps.db, identity, code);
  const { t } = scope;
  switch (outcome.kind) {
    case 'linked':
      await continueAs(deps, scope, outcome.personId);
      return true;
    case 'already_linked':
      await context.sendActivity(t('linking:alreadyLinked'));
      return false;
    case 'rate_limited':
      await context.sendActivity(t('linking:tooManyTries', { minutes: outcome.retryAfterMinutes }));
      return false;
    case 'linked_elsewhere':
      await context.sendActivity(t('linking:linkedElsewhere'));
      return false;
    default:
      await context.sendActivity(t('linking:invalidCode', { minutes: LINK_CODE_TTL_MINUTES }));
      return false;
  }
}

/** The rest of the turn is the code's person's: their profile, conversation and language. */
async function continueAs(deps: DialogDependencies, scope: TurnScope, personId: string) {
  const person = await findPerson(deps.db, personId);
  if (!person) throw new Error('the linked person vanished during the turn');

  const locale = matchLocale(person.locale) ?? deps.config.DEFAULT_LOCALE;
  scope.person = person;
  scope.conversation = { ...scope.conversation, person_id: personId };
  scope.isNewPerson = false;
  scope.locale = locale;
  scope.t = deps.i18n.getFixedT(locale);
}

/** Only channels the person has linked can be picked; they travel in `validations`. */
function recognizeChannelChoice(text: string, options: PromptOptions) {
  const choice = matchPhrase(text, CHANNEL_PHRASES);
  const allowed = (options.validations as { channels?: ChannelId[] } | undefined)?.channels ?? [];
  return choice && allowed.includes(choice) ? { value: choice } : undefined;
}

// With a single channel there is nothing to choose: say the lead, if any, and end.
async function askPreferredChannel(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const { person, t } = getTurnScope(step.context);
  const lead = (step.options as PreferredChannelOptions | undefined)?.lead;
  const channels = await listLinkedChannels(deps.db, person.id);
  if (channels.length < 2) {
    if (lead) await step.context.sendActivity(lead);
    return step.endDialog();
  }

  const buttons = channelButtons(channels, t);
  return step.prompt(PREFERRED_CHANNEL_PROMPT, {
    prompt: withButtons(joinParagraphs(lead, t('linking:preferred.ask')), buttons),
    retryPrompt: withButtons(t('linking:preferred.retry'), buttons),
    validations: { channels },
  });
}

async function savePreferredChannel(
  step: WaterfallStepContext,
  deps: DialogDependencies,
): Promise<DialogTurnResult> {
  const scope = getTurnScope(step.context);
  const channel = step.result as ChannelId;
  scope.person = await setPreferredChannel(deps.db, scope.person.id, channel);
  const name = scope.t(`linking:channel.${channel}`);
  await step.context.sendActivity(scope.t('linking:preferred.saved', { channel: name }));
  return step.endDialog();
}

function channelButtons(channels: readonly ChannelId[], t: TFunction): Button[] {
  return channels.map((channel) => ({
    value: CHANNEL_PHRASES[channel][0]!,
    title: t(`linking:channel.${channel}`),
  }));
}
