/**
 * Telegram updates as the bot sees them: one activity shape for every kind of turn, commands
 * turned into what the dialogs understand, and refusals for groups and unusable messages.
 */
import { describe, expect, it } from '@jest/globals';
import { classifyUpdate, type TurnUpdate } from './telegram-updates.js';
import {
  callbackUpdate,
  editedTextUpdate,
  groupTextUpdate,
  photoUpdate,
  stickerUpdate,
  textUpdate,
  voiceUpdate,
} from './testing/update-builders.js';

const BOT = { id: '123456789', name: 'CareLine' };
const API_ROOT = 'https://api.telegram.org';
const ana = { userId: 5551, languageCode: 'es' };

function turnOf(update: Parameters<typeof classifyUpdate>[0]): TurnUpdate {
  const classified = classifyUpdate(update, BOT, API_ROOT);
  if (classified.kind !== 'turn') throw new Error(`expected a turn, got ${classified.kind}`);
  return classified;
}

describe('classifyUpdate', () => {
  it('maps a text message to a message activity keyed by update_id', () => {
    const turn = turnOf(textUpdate(700, ana, 'hola'));

    expect(turn.externalId).toBe('700');
    expect(turn.chatId).toBe('5551');
    expect(turn.activity).toMatchObject({
      type: 'message',
      id: '700',
      text: 'hola',
      channelId: 'telegram',
      serviceUrl: API_ROOT,
      locale: 'es',
      from: { id: '5551' },
      recipient: { id: '123456789', name: 'CareLine' },
      conversation: { id: '5551', isGroup: false, conversationType: 'personal' },
    });
    expect(turn.activity.from?.name).toBe('');
    expect(turn.callbackQueryId).toBeUndefined();
  });

  it('turns a plain /start into the person joining, so the bot greets them', () => {
    for (const text of ['/start', '/start@CareLineBot', '/start   ']) {
      const { activity } = turnOf(textUpdate(1, ana, text));
      expect(activity.type).toBe('conversationUpdate');
      expect(activity.membersAdded).toEqual([{ id: '5551', name: '' }]);
      expect(activity.text).toBeUndefined();
    }
  });

  it('keeps a deep-link /start payload as exactly "/start <payload>"', () => {
    expect(turnOf(textUpdate(1, ana, '/start link-abc_123')).activity).toMatchObject({
      type: 'message',
      text: '/start link-abc_123',
    });
    expect(turnOf(textUpdate(2, ana, '/start@CareLineBot XyZ')).activity.text).toBe('/start XyZ');
  });

  it('turns /help and /menu into the words the dialogs know; other commands pass through', () => {
    expect(turnOf(textUpdate(1, ana, '/help')).activity.text).toBe('help');
    expect(turnOf(textUpdate(2, ana, '/menu@CareLineBot')).activity.text).toBe('menu');
    expect(turnOf(textUpdate(3, ana, '/settings')).activity.text).toBe('/settings');
  });

  it('hands a button press to the bot as its callback data, with the query to answer', () => {
    const turn = turnOf(callbackUpdate(41, ana, 'role:patient'));

    expect(turn.externalId).toBe('41');
    expect(turn.callbackQueryId).toBe('cbq-41');
    expect(turn.activity).toMatchObject({
      type: 'message',
      text: 'role:patient',
      from: { id: '5551' },
      conversation: { id: '5551' },
      locale: 'es',
    });
  });

  it('treats an edit as the person’s new message, keyed by chat, message and edit date', () => {
    const turn = turnOf(editedTextUpdate(90, ana, 12, 'Chicago', 1_780_000_123));

    expect(turn.externalId).toBe('edit:5551:12:1780000123');
    expect(turn.activity).toMatchObject({ type: 'message', text: 'Chicago' });
  });

  it.each([
    ['sticker', stickerUpdate(5, ana)],
    ['photo', photoUpdate(5, ana)],
    ['voice', voiceUpdate(5, ana)],
  ])('marks a %s as unsupported, with the language to answer in', (_kind, update) => {
    expect(classifyUpdate(update, BOT, API_ROOT)).toEqual({
      kind: 'unsupported',
      updateId: 5,
      chatId: '5551',
      userId: '5551',
      languageCode: 'es',
    });
  });

  it('refuses groups, and button presses from groups, without a turn', () => {
    expect(classifyUpdate(groupTextUpdate(6, ana, -100200, 'hi all'), BOT, API_ROOT)).toEqual({
      kind: 'group',
      updateId: 6,
      chatId: '-100200',
      languageCode: 'es',
    });
    const press = callbackUpdate(7, ana, 'menu:help');
    press.callback_query!.message!.chat = { id: -100200, type: 'group', title: 'Group' };
    expect(classifyUpdate(press, BOT, API_ROOT)).toMatchObject({
      kind: 'group',
      chatId: '-100200',
      callbackQueryId: 'cbq-7',
    });
  });

  it('ignores updates it has no use for, still answering a press without data', () => {
    expect(classifyUpdate({ update_id: 8 } as never, BOT, API_ROOT)).toEqual({
      kind: 'ignored',
      updateId: 8,
    });
    const press = callbackUpdate(9, ana, 'x');
    delete press.callback_query!.data;
    expect(classifyUpdate(press, BOT, API_ROOT)).toEqual({
      kind: 'ignored',
      updateId: 9,
      callbackQueryId: 'cbq-9',
    });
  });
});
