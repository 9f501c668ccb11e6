/**
 * For tests and benchmarks only: Telegram updates in the Bot API's documented JSON shapes
 * (https://core.telegram.org/bots/api#update), built from the few fields a test cares about.
 */
import type { Message, Update } from 'grammy/types';
import { FAKE_BOT_ID } from './fake-telegram-server.js';

export interface SenderFields {
  /** The person's user id, which is also their private chat's id. */
  userId: number;
  languageCode?: string;
}

const DATE = 1_780_000_000;

function user({ userId, languageCode }: SenderFields) {
  return {
    id: userId,
    is_bot: false,
    first_name: 'Test',
    ...(languageCode ? { language_code: languageCode } : {}),
  };
}

function privateMessage(sender: SenderFields, messageId: number): Message.CommonMessage {
  return {
    message_id: messageId,
    date: DATE,
    chat: { id: sender.userId, type: 'private', first_name: 'Test' },
    from: user(sender),
  } as Message.CommonMessage;
}

/** A text message (commands included) in the person's private chat with the bot. */
export function textUpdate(updateId: number, sender: SenderFields, text: string): Update {
  const entities = text.startsWith('/')
    ? [{ type: 'bot_command' as const, offset: 0, length: text.split(/\s/)[0]!.length }]
    : undefined;
  const message = { ...privateMessage(sender, updateId), text, ...(entities ? { entities } : {}) };
  return { update_id: updateId, message: message as Update['message'] };
}

/** The person edited message `messageId` to read `text`. */
export function editedTextUpdate(
  updateId: number,
  sender: SenderFields,
  messageId: number,
  text: string,
  editDate = DATE + 60,
): Update {
  const message = { ...privateMessage(sender, messageId), text, edit_date: editDate };
  return { update_id: updateId, edited_message: message as Update['edited_message'] & object };
}

/** The person pressed an inline button whose callback data is `data`. */
export function callbackUpdate(updateId: number, sender: SenderFields, data: string): Update {
  const botMessage = {
    message_id: 9000 + updateId,
    date: DATE,
    chat: { id: sender.userId, type: 'private', first_name: 'Test' },
    from: { id: FAKE_BOT_ID, is_bot: true, first_name: 'CareLine' },
    text: 'A question with buttons',
  };
  return {
    update_id: updateId,
    callback_query: {
      id: `cbq-${updateId}`,
      from: user(sender),
      message: botMessage as Message,
      chat_instance: `instance-${sender.userId}`,
      data,
    },
  };
}

/** A sticker in the private chat: something CareLine cannot read. */
export function stickerUpdate(updateId: number, sender: SenderFields): Update {
  const sticker = {
    file_id: 'sticker-file',
    file_unique_id: 'sticker-unique',
    type: 'regular',
    width: 512,
    height: 512,
    is_animated: false,
    is_video: false,
  };
  return {
    update_id: updateId,
    message: { ...privateMessage(sender, updateId), sticker } as Update['message'],
  };
}

/** A photo with a caption in the private chat. */
export function photoUpdate(updateId: number, sender: SenderFields): Update {
  const photo = [{ file_id: 'photo-file', file_unique_id: 'photo-unique', width: 90, height: 90 }];
  const message = { ...privateMessage(sender, updateId), photo, caption: 'my scan' };
  return { update_id: updateId, message: message as Update['message'] };
}

/** A voice note in the private chat. */
export function voiceUpdate(updateId: number, sender: SenderFields): Update {
  const voice = { file_id: 'voice-file', file_unique_id: 'voice-unique', duration: 3 };
  return {
    update_id: updateId,
    message: { ...privateMessage(sender, updateId), voice } as Update['message'],
  };
}

/** A text message in a group the bot was added to. */
export function groupTextUpdate(
  updateId: number,
  sender: SenderFields,
  groupId: number,
  text: string,
): Update {
  const message = {
    message_id: updateId,
    date: DATE,
    chat: { id: groupId, type: 'supergroup', title: 'Support group' },
    from: user(sender),
    text,
  };
  return { update_id: updateId, message: message as Update['message'] };
}
