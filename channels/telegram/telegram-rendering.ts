/**
 * How a reply looks on Telegram. Text goes as plain text (no `parse_mode`): dialogs write
 * plain text for every channel, so nothing needs escaping and a name like `<b>Zoë</b>` or
 * `_Zoë_` reads exactly as typed. Suggested actions become an inline keyboard whose buttons
 * send back the action's value as callback data. Text longer than one Telegram message is
 * split at a paragraph, line or sentence boundary, keyboard on the last part only.
 */
import type { InlineKeyboardButton, InlineKeyboardMarkup } from 'grammy/types';

/** Telegram's limit on one message's text, in UTF-16 code units. */
export const MAX_MESSAGE_LENGTH = 4096;
/** Telegram's limit on a button's callback data, in bytes. */
export const MAX_CALLBACK_DATA_BYTES = 64;

/** One sendMessage call: text and, on the last part, the keyboard. */
export interface MessagePart {
  text: string;
  keyboard?: InlineKeyboardMarkup;
}

/** The reply's sendMessage calls, in order; empty when it has nothing to show. */
export function renderReply(payload: Record<string, unknown>): MessagePart[] {
  const text = typeof payload.text === 'string' ? payload.text : '';
  const keyboard = inlineKeyboardOf(payload);
  if (text.trim() === '') return [];

  const parts: MessagePart[] = splitText(text).map((part) => ({ text: part }));
  if (keyboard) parts[parts.length - 1]!.keyboard = keyboard;
  return parts;
}

/** Whether `value` fits in a button's callback data. */
export function fitsCallbackData(value: string): boolean {
  return value !== '' && Buffer.byteLength(value, 'utf8') <= MAX_CALLBACK_DATA_BYTES;
}

/**
 * One button per row, so long localized titles stay readable on a phone. Buttons whose
 * value is too long for callback data are left out (a dialog bug; the person can still
 * type); returns undefined when no button remains.
 */
export function inlineKeyboardOf(
  payload: Record<string, unknown>,
): InlineKeyboardMarkup | undefined {
  const suggested = payload.suggestedActions as { actions?: unknown } | undefined;
  if (!suggested || !Array.isArray(suggested.actions)) return undefined;

  const rows = suggested.actions
    .map(toButton)
    .filter((button): button is InlineKeyboardButton => button !== undefined)
    .map((button) => [button]);
  return rows.length > 0 ? { inline_keyboard: rows } : undefined;
}

function toButton(action: unknown): InlineKeyboardButton | undefined {
  const { type, title, value, text } = (action ?? {}) as Record<string, unknown>;
  const label = typeof title === 'string' && title ? title : undefined;
  if (type === 'openUrl' && typeof value === 'string' && /^https?:\/\//.test(value)) {
    return { text: label ?? value, url: value };
  }
  const data = type === 'messageBack' ? text : value;
  if (typeof data !== 'string' || !fitsCallbackData(data)) return undefined;

  return { text: label ?? data, callback_data: data };
}

/** Preferred places to cut, best first: paragraph, line, sentence, word. */
const BOUNDARIES: RegExp[] = [/\n\s*\n/g, /\n/g, /[.!?…]["')\]]*\s+/g, /\s+/g];

/**
 * Splits text into parts of at most `limit` UTF-16 code units, cutting at the best boundary
 * in the second half of each part, or hard (never inside a surrogate pair) when there is none.
 */
export function splitText(text: string, limit = MAX_MESSAGE_LENGTH): string[] {
  const parts: string[] = [];
  let rest = text.trim();
  while (rest.length > limit) {
    const cut = cutPoint(rest, limit);
    parts.push(rest.slice(0, cut.end).trimEnd());
    rest = rest.slice(cut.next).trimStart();
  }
  if (rest) parts.push(rest);
  return parts;
}

function cutPoint(text: string, limit: number): { end: number; next: number } {
  const window = text.slice(0, limit + 1);
  for (const boundary of BOUNDARIES) {
    let best: { end: number; next: number } | undefined;
    for (const match of window.matchAll(boundary)) {
      // The part keeps a sentence's punctuation and drops the whitespace after it.
      const end = match.index + match[0].trimEnd().length;
      if (end > limit) break;
      if (end > limit / 2) best = { end, next: match.index + match[0].length };
    }
    if (best) return best;
  }
  const end = hardCut(text, limit);
  return { end, next: end };
}

/** `limit`, or one less when that would separate a surrogate pair. */
function hardCut(text: string, limit: number): number {
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit - 1 : limit;
}
