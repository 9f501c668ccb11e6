/**
 * The turn pipeline, in order: identity (channel identity -> person), locale, safety
 * screen, takeover check, dialogs. Crisis language is answered before anything else; a
 * conversation held by staff goes to the staff queue and runs no dialog.
 */
import { ActivityTypes, ConversationState, TurnContext, type Storage } from 'botbuilder';
import type { i18n as I18n } from 'i18next';
import { CareLineDialogs, type DialogDependencies } from '../../dialogs/careline-dialogs.js';
import { matchLocale, type SupportedLocale } from '../i18n/i18n.js';
import type { Logger } from '../logging/logger.js';
import { identifyPerson } from '../people/people-service.js';
import type { Db } from '../storage/database.js';
import type { ChannelId } from '../storage/schema.js';
import { OptimisticConversationState } from './optimistic-conversation-state.js';
import { replyToCrisis } from './safety-step.js';
import { findTurnScope, setTurnScope, type TurnScope } from './turn-scope.js';
import { upsertConversation, queueForStaff } from '../storage/conversations.js';

export interface BotDependencies {
  db: Db;
  storage: Storage;
  i18n: I18n;
  logger: Logger;
  config: DialogDependencies['config'];
  analyzer: DialogDependencies['analyzer'];
  reminders: DialogDependencies['reminders'];
}

export interface CareLineBot {
  /** Runs one turn; pass to the turn processor. */
  logic(context: TurnContext): Promise<void>;
  /** The person a finished turn was for (null once erased). */
  personOfTurn(context: TurnContext): string | null;
}

const HANDLED_TYPES = new Set<string>([ActivityTypes.Message, ActivityTypes.ConversationUpdate]);

/** Builds the pipeline with its dialogs and PostgreSQL-backed conversation state. */
export function createCareLineBot(deps: BotDependencies): CareLineBot {
  const conversationState: ConversationState = new OptimisticConversationState(deps.storage);
  const dialogDeps: DialogDependencies = {
    db: deps.db,
    i18n: deps.i18n,
    config: deps.config,
    logger: deps.logger,
    analyzer: deps.analyzer,
    reminders: deps.reminders,
  };
  const dialogs = new CareLineDialogs(dialogDeps, conversationState);

  async function logic(context: TurnContext): Promise<void> {
    const { activity } = context;
    if (!HANDLED_TYPES.has(activity.type) || !activity.from?.id || !activity.conversation?.id)
      return;
    if (activity.type === ActivityTypes.ConversationUpdate && !addsTheUser(context)) return;

    const scope = await identify(context);
    setTurnScope(context, scope);
    if (activity.type === ActivityTypes.Message && (await replyToCrisis(context, scope, deps))) {
      return;
    }
    if (scope.conversation.held_by_staff_at && activity.type === ActivityTypes.Message) {
      await queueForStaff(deps.db, scope.conversation, activity.text ?? '');
      return;
    }

    await dialogs.run(context, scope);
    if (!scope.erased) await conversationState.saveChanges(context);
  }

  async function identify(context: TurnContext): Promise<TurnScope> {
    const { activity } = context;
    const channel = activity.channelId as ChannelId;
    const guess = matchLocale(activity.locale) ?? deps.config.DEFAULT_LOCALE;
    const { person, isNew } = await identifyPerson(deps.db, channel, activity.from.id, guess);
    const reference = TurnContext.getConversationReference(activity);
    const conversation = await upsertConversation(
      deps.db,
      person.id,
      { channel, externalId: activity.conversation.id },
      reference as Record<string, unknown>,
    );
    const locale: SupportedLocale = matchLocale(person.locale) ?? deps.config.DEFAULT_LOCALE;
    const t = deps.i18n.getFixedT(locale);
    return { person, conversation, isNewPerson: isNew, locale, t, erased: false };
  }

  function personOfTurn(context: TurnContext): string | null {
    const scope = findTurnScope(context);
    return scope && !scope.erased ? scope.person.id : null;
  }

  return { logic, personOfTurn };
}

/** A conversationUpdate matters only when the person (not the bot) joined. */
function addsTheUser(context: TurnContext): boolean {
  const botId = context.activity.recipient?.id;
  return (context.activity.membersAdded ?? []).some((member) => member.id !== botId);
}
