/**
 * What CareLine makes of one Telegram update, decided without I/O: a turn for the bot (with
 * its inbox key and Bot Framework activity), a polite refusal (a group, or a sticker, photo,
 * voice note... in a private chat), or nothing. Button presses also carry the callback query
 * id, which must always be answered so the person's spinner stops.
 */
import type { Activity } from 'botbuilder';
import type { CallbackQuery, Chat, Update, User } from 'grammy/types';

/** The bot as the recipient of every inbound activity. */
export interface BotAccount {
  /** The bot's numeric Telegram id, as a string (the part of the token before the colon). */
  id: string;
  name: string;
}

/** A turn for the bot: stored in the inbox under `externalId`, then processed. */
export interface TurnUpdate {
  kind: 'turn';
  updateId: number;
  /** `update_id`, or `edit:<chat>:<message_id>:<edit_date>` for an edit. */
  externalId: string;
  chatId: string;
  activity: Partial<Activity>;
  /** Set for a button press: answered directly, whatever becomes of the turn. */
  callbackQueryId?: string;
}

/** Something from a group, supergroup or channel: a short reply there, nothing stored. */
export interface GroupUpdate {
  kind: 'group';
  updateId: number;
  chatId: string;
  languageCode?: string;
  callbackQueryId?: string;
}

/** A private message CareLine cannot use (sticker, photo, voice...): a kind reply only. */
export interface UnsupportedUpdate {
  kind: 'unsupported';
  updateId: number;
  chatId: string;
  userId: string;
  languageCode?: string;
}

/** An update with nothing to answer (a press without data, an edit of a photo's caption). */
export interface IgnoredUpdate {
  kind: 'ignored';
  updateId: number;
  callbackQueryId?: string;
}

export type ClassifiedUpdate = TurnUpdate | GroupUpdate | UnsupportedUpdate | IgnoredUpdate;

/** The update types CareLine asks Telegram for (`allowed_updates`). */
export const HANDLED_UPDATE_TYPES = [
  'message',
  'edited_message',
  'callback_query',
  'channel_post',
] as const;

/** Commands whose text the dialogs already understand under another word. */
const COMMAND_TEXT: Record<string, string> = { help: 'help', menu: 'menu' };

/** `/start`, `/start@CareLineBot`, `/start payload`: command name, bot and argument. */
const COMMAND_PATTERN = /^\/([A-Za-z0-9_]+)(?:@[A-Za-z0-9_]+)?(?:\s+([\s\S]*))?$/;

/**
 * Classifies an update.
 * @param apiRoot the Bot API root, given to the bot as `serviceUrl` (it never holds the token)
 */
export function classifyUpdate(update: Update, bot: BotAccount, apiRoot: string): ClassifiedUpdate {
  const updateId = update.update_id;
  if (update.callback_query) return classifyCallback(update, update.callback_query, bot, apiRoot);

  const edited = update.edited_message;
  const message = update.message ?? edited ?? update.channel_post;
  if (!message) return { kind: 'ignored', updateId };

  if (message.chat.type !== 'private') {
    const languageCode = message.from?.language_code;
    return { kind: 'group', updateId, chatId: String(message.chat.id), languageCode };
  }
  if (!message.from) return { kind: 'ignored', updateId };

  const base = { bot, apiRoot, chat: message.chat, user: message.from, updateId };
  if (edited) {
    // An edit of a caption or a location is not a correction the dialogs could read.
    if (edited.text === undefined) return { kind: 'ignored', updateId };

    const externalId = `edit:${edited.chat.id}:${edited.message_id}:${edited.edit_date ?? 0}`;
    return turn(base, externalId, messageActivity(base, edited.text, edited.edit_date));
  }
  if (message.text === undefined) {
    return {
      kind: 'unsupported',
      updateId,
      chatId: String(message.chat.id),
      userId: String(message.from.id),
      languageCode: message.from.language_code,
    };
  }
  return turn(base, String(updateId), textActivity(base, message.text, message.date));
}

interface ActivityBase {
  bot: BotAccount;
  apiRoot: string;
  chat: Pick<Chat, 'id'>;
  user: User;
  updateId: number;
}

function classifyCallback(
  update: Update,
  query: CallbackQuery,
  bot: BotAccount,
  apiRoot: string,
): ClassifiedUpdate {
  const updateId = update.update_id;
  const callbackQueryId = query.id;
  const chat = query.message?.chat;
  if (chat && chat.type !== 'private') {
    const { language_code: languageCode } = query.from;
    return { kind: 'group', updateId, chatId: String(chat.id), languageCode, callbackQueryId };
  }
  if (!query.data) return { kind: 'ignored', updateId, callbackQueryId };

  // A press on a message of ours in a private chat; that chat's id is the person's own.
  const base = { bot, apiRoot, chat: chat ?? { id: query.from.id }, user: query.from, updateId };
  // The message's date is when we sent the buttons; the press itself is now.
  const activity = messageActivity(base, query.data, undefined);
  return { ...turn(base, String(updateId), activity), callbackQueryId };
}

function turn(base: ActivityBase, externalId: string, activity: Partial<Activity>): TurnUpdate {
  return {
    kind: 'turn',
    updateId: base.updateId,
    externalId,
    chatId: String(base.chat.id),
    activity,
  };
}

/** A typed message, with Telegram's commands turned into what the dialogs understand. */
function textActivity(base: ActivityBase, text: string, sentAt: number): Partial<Activity> {
  const command = COMMAND_PATTERN.exec(text.trim());
  if (!command) return messageActivity(base, text, sentAt);

  const [, name = '', payload = ''] = command;
  const lowerName = name.toLowerCase();
  if (lowerName === 'start' && !payload.trim()) return joinActivity(base, sentAt);
  // Account linking reads the deep-link payload from exactly this text.
  if (lowerName === 'start') return messageActivity(base, `/start ${payload.trim()}`, sentAt);

  return messageActivity(base, COMMAND_TEXT[lowerName] ?? text, sentAt);
}

/** A plain `/start` opens the chat: the bot greets a person who joined, as on web chat. */
function joinActivity(base: ActivityBase, sentAt: number): Partial<Activity> {
  return {
    ...commonFields(base, sentAt),
    type: 'conversationUpdate',
    membersAdded: [{ id: String(base.user.id), name: '' }],
  };
}

/** @param sentAt Telegram's Unix time in seconds; undefined for now */
function messageActivity(
  base: ActivityBase,
  text: string,
  sentAt: number | undefined,
): Partial<Activity> {
  return { ...commonFields(base, sentAt), type: 'message', text };
}

function commonFields(base: ActivityBase, sentAt: number | undefined): Partial<Activity> {
  return {
    id: String(base.updateId),
    channelId: 'telegram',
    serviceUrl: base.apiRoot,
    // No names: the person tells CareLine what to call them, and only after consenting.
    from: { id: String(base.user.id), name: '' },
    recipient: { id: base.bot.id, name: base.bot.name },
    conversation: {
      id: String(base.chat.id),
      isGroup: false,
      conversationType: 'personal',
      name: '',
    },
    locale: base.user.language_code,
    timestamp: sentAt ? new Date(sentAt * 1000) : new Date(),
  };
}
