/**
 * Identifiers web chat mints and accepts: conversation ids, user ids, and the external ids
 * under which inbound messages are recorded in the inbox.
 */
import { randomBytes } from 'node:crypto';

/** The bot as it appears in every web chat activity. */
export const BOT_ACCOUNT = { id: 'careline', name: 'CareLine', role: 'bot' } as const;

/** Conversation ids we mint: base64url, so they never contain the `|` or `:` we join with. */
export const CONVERSATION_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const MAX_USER_ID_CHARS = 128;
/** No whitespace, control, format or unassigned characters. */
const USER_ID_PATTERN = /^[^\s\p{C}]+$/u;

/** A new, unguessable conversation id. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

/** A new, unguessable user id for a person who did not bring one. */
export function newUserId(): string {
  return `u_${randomBytes(15).toString('base64url')}`;
}

/**
 * Why a user id offered by a trusted client is refused, or undefined when it is fine.
 * `dl_` ids are reserved by Direct Line for ids carried inside tokens.
 */
export function userIdProblem(id: unknown): string | undefined {
  if (typeof id !== 'string' || id.length === 0) return 'user.id must be a non-empty string.';
  if (id.length > MAX_USER_ID_CHARS)
    return `user.id must be at most ${MAX_USER_ID_CHARS} characters.`;
  if (!USER_ID_PATTERN.test(id)) return 'user.id must not contain spaces or control characters.';
  if (id.startsWith('dl_')) return 'user.id must not start with "dl_": that prefix is reserved.';
  return undefined;
}

/** The inbox external id of the person joining a conversation (one greeting per conversation). */
export function joinedExternalId(conversationId: string): string {
  return `${conversationId}:joined`;
}

/** The inbox external id of a message the client tagged with its own id: a re-POST is a no-op. */
export function clientExternalId(conversationId: string, clientActivityId: string): string {
  return `${conversationId}:client:${clientActivityId}`;
}

/** True when `activityId` names an activity stored in this conversation's transcript. */
export function isTranscriptActivityId(conversationId: string, activityId: unknown): boolean {
  return typeof activityId === 'string' && activityId.startsWith(`${conversationId}|`);
}
