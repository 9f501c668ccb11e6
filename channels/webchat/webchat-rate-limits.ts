/**
 * Web chat's rate limits: new conversations per client address per hour (each one creates a
 * person) and messages per conversation per minute. Counts live in PostgreSQL, so the limits
 * hold across processes. An address is stored only as a keyed hash, and IPv6 addresses
 * count by their /64, which is what one subscriber usually holds.
 */
import { createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';
import { tooManyRequests } from '../../src/http/http-errors.js';
import type { Db } from '../../src/storage/database.js';
import { createRateLimiter } from '../../src/storage/rate-limits.js';

const ONE_HOUR_SECONDS = 60 * 60;
const ONE_MINUTE_SECONDS = 60;
/** Enough of the keyed hash (132 bits) to keep addresses apart. */
const ADDRESS_KEY_CHARS = 22;

export interface WebchatRateLimitOptions {
  db: Db;
  /** Keys the address hashes, so the table cannot be read back into addresses. */
  secret: string;
  /** New conversations one client address may start per hour. */
  newSessionsPerHour: number;
  /** Messages one conversation may post per minute. */
  messagesPerMinute: number;
}

export interface WebchatRateLimits {
  /**
   * Counts a new conversation started from `clientAddress` (`req.ip`).
   * @param refusal the 429's message; defaults to one for developers
   * @throws HttpError 429 with `Retry-After` when the address is over its hourly limit
   */
  admitNewConversation(clientAddress: string | undefined, refusal?: string): Promise<void>;
  /**
   * Counts a message posted to `conversationId`.
   * @throws HttpError 429 with `Retry-After` when the conversation is over its limit
   */
  admitMessage(conversationId: string): Promise<void>;
}

/** Builds the limits; they share their counts with every process on the same database. */
export function createWebchatRateLimits(options: WebchatRateLimitOptions): WebchatRateLimits {
  const { db, secret } = options;
  const newSessions = createRateLimiter(db, {
    name: 'webchat_new_session',
    points: options.newSessionsPerHour,
    durationSeconds: ONE_HOUR_SECONDS,
  });
  const messages = createRateLimiter(db, {
    name: 'webchat_message',
    points: options.messagesPerMinute,
    durationSeconds: ONE_MINUTE_SECONDS,
  });

  return {
    async admitNewConversation(clientAddress, refusal) {
      const key = createHmac('sha256', secret)
        .update(addressGroup(clientAddress ?? 'unknown'))
        .digest('base64url')
        .slice(0, ADDRESS_KEY_CHARS);
      const decision = await newSessions.consume(key);
      if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds, refusal);
    },
    async admitMessage(conversationId) {
      const decision = await messages.consume(conversationId);
      if (!decision.allowed) throw tooManyRequests(decision.retryAfterSeconds);
    },
  };
}

/**
 * What one client is counted as: an IPv4 address (also when IPv4-mapped), or an IPv6
 * address's /64 prefix, since a single subscriber can use any address in it.
 */
export function addressGroup(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  if (mapped) return mapped[1]!;
  const withoutZone = address.split('%')[0]!;
  if (!isIPv6(withoutZone)) return address;

  const [head = '', tail] = withoutZone.split('::');
  const groupsOf = (part: string) => (part ? part.split(':') : []);
  // An embedded IPv4 address (a.b.c.d) fills the last two groups.
  const width = (groups: string[]) => groups.reduce((n, g) => n + (g.includes('.') ? 2 : 1), 0);
  const headGroups = groupsOf(head);
  const tailGroups = tail === undefined ? [] : groupsOf(tail);
  const zeros = Array<string>(8 - width(headGroups) - width(tailGroups)).fill('0');
  const groups = tail === undefined ? headGroups : [...headGroups, ...zeros, ...tailGroups];
  const prefix = groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}
