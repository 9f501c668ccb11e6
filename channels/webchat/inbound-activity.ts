/**
 * Turns what a client POSTs to `/activities` into the activity CareLine stores and hands to
 * the bot. Nothing the client says about who it is counts: the sender comes from the token.
 * Text is NFC-normalised and stripped of control characters (except newline and tab), so
 * what is stored, screened for crisis language and shown back is the same string.
 */
import { badRequest } from '../../src/http/http-errors.js';
import { BOT_ACCOUNT } from './webchat-ids.js';

/** Longest message text, in characters (code points). */
export const MAX_TEXT_CHARS = 4000;
const MAX_NAME_CHARS = 64;
const MAX_CLIENT_ACTIVITY_ID_CHARS = 100;
const MAX_DISPLAY_TEXT_CHARS = 200;

const CLIENT_ACTIVITY_ID_PATTERN = /^[A-Za-z0-9._:-]+$/;
const LOCALE_PATTERN = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/;
const LOCAL_TIMESTAMP_PATTERN = /^\d{4}-\d{2}-\d{2}T[\d:.]{5,15}(Z|[+-]\d{2}:?\d{2})$/;
const NOT_AN_OBJECT = 'Send the activity as a JSON object (Content-Type: application/json).';
// C0 and C1 control characters other than tab (\x09) and newline (\x0A).
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\x00-\x08\x0B-\x1F\x7F-\x9F]/g;

/** Who the activity is from and where it belongs, all from the server's side. */
export interface ActivityOrigin {
  conversationId: string;
  userId: string;
  serviceUrl: string;
  /** Milliseconds since the epoch. */
  receivedAt: number;
}

/** A message to store and pass to the bot, or an activity the bot has no use for. */
export type ClientActivity =
  | { kind: 'message'; activity: Record<string, unknown>; clientActivityId?: string }
  | { kind: 'ignored'; type: 'event' | 'typing' };

/**
 * Validates and rebuilds a posted activity.
 * @throws HttpError 400 naming the field that is wrong
 */
export function readClientActivity(body: unknown, origin: ActivityOrigin): ClientActivity {
  if (!isRecord(body)) throw badRequest(NOT_AN_OBJECT);
  if (body.type === 'event' || body.type === 'typing') return { kind: 'ignored', type: body.type };
  if (body.type !== 'message') throw badRequest("type must be 'message', 'event' or 'typing'.");
  if (Array.isArray(body.attachments) && body.attachments.length > 0) {
    throw badRequest('attachments are not supported: send text instead.');
  }

  const text = readText(body.text, 'text');
  const value = typeof body.value === 'string' ? readText(body.value, 'value') : undefined;
  if (!text && !value) throw badRequest('A message needs text.');

  const clientActivityId = readClientActivityId(body.channelData);
  const displayText = readDisplayText(body.channelData);
  const channelData = {
    ...(clientActivityId ? { clientActivityID: clientActivityId } : {}),
    ...(displayText ? { messageBack: { displayText } } : {}),
  };
  const activity = {
    type: 'message',
    channelId: 'webchat',
    serviceUrl: origin.serviceUrl,
    timestamp: new Date(origin.receivedAt).toISOString(),
    from: { id: origin.userId, ...optional('name', readName(body.from)), role: 'user' },
    conversation: { id: origin.conversationId },
    recipient: { ...BOT_ACCOUNT },
    ...optional('text', text),
    ...optional('value', value),
    ...optional('textFormat', body.textFormat === 'plain' ? 'plain' : undefined),
    ...optional('locale', matches(body.locale, LOCALE_PATTERN)),
    ...optional('localTimestamp', matches(body.localTimestamp, LOCAL_TIMESTAMP_PATTERN)),
    ...optional('localTimezone', readTimeZone(body.localTimezone)),
    ...(Object.keys(channelData).length > 0 ? { channelData } : {}),
  };
  return { kind: 'message', activity, clientActivityId };
}

/** NFC-normalised with control characters (except \n and \t) removed. */
export function cleanText(text: string): string {
  return text.normalize('NFC').replace(CONTROL_CHARACTERS, '');
}

function readText(raw: unknown, field: string): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'string') throw badRequest(`${field} must be a string.`);

  const text = cleanText(raw);
  if ([...text].length > MAX_TEXT_CHARS) {
    throw badRequest(`${field} must be at most ${MAX_TEXT_CHARS} characters.`);
  }
  return text.trim() === '' ? undefined : text;
}

function readName(from: unknown): string | undefined {
  if (!isRecord(from) || typeof from.name !== 'string') return undefined;

  const name = cleanText(from.name).trim();
  return name && [...name].length <= MAX_NAME_CHARS ? name : undefined;
}

function readClientActivityId(channelData: unknown): string | undefined {
  if (!isRecord(channelData) || channelData.clientActivityID === undefined) return undefined;

  const id = channelData.clientActivityID;
  const valid =
    typeof id === 'string' &&
    id.length <= MAX_CLIENT_ACTIVITY_ID_CHARS &&
    CLIENT_ACTIVITY_ID_PATTERN.test(id);
  if (!valid) {
    throw badRequest(
      `channelData.clientActivityID must be up to ${MAX_CLIENT_ACTIVITY_ID_CHARS} characters: ` +
        "letters, digits, '.', '_', ':' or '-'.",
    );
  }
  return id;
}

/** The button title Web Chat shows for a pressed button (see `suggested-actions.ts`). */
function readDisplayText(channelData: unknown): string | undefined {
  if (!isRecord(channelData) || !isRecord(channelData.messageBack)) return undefined;

  const raw = channelData.messageBack.displayText;
  if (typeof raw !== 'string') return undefined;
  const text = cleanText(raw).trim();
  return text && [...text].length <= MAX_DISPLAY_TEXT_CHARS ? text : undefined;
}

function readTimeZone(raw: unknown): string | undefined {
  if (typeof raw !== 'string' || raw.length > 64) return undefined;

  try {
    return new Intl.DateTimeFormat('en', { timeZone: raw }).resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function matches(raw: unknown, pattern: RegExp): string | undefined {
  return typeof raw === 'string' && raw.length <= 40 && pattern.test(raw) ? raw : undefined;
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
