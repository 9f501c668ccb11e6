/**
 * Who may call what: 401 without a credential, 403 for a wrong, forged or expired one, for
 * the secret where a token is needed (and the reverse), and for another conversation's token.
 */
import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/http/http-errors.js';
import {
  bearerCredential,
  identifyCaller,
  requireConversationToken,
  requireSecret,
} from './bearer-auth.js';
import { createDirectLineTokens } from './direct-line-tokens.js';

const SECRET = 'bearer-test-secret-0123456789-abcdefghij';
const clock = { ms: Date.UTC(2026, 5, 1) };
const tokens = createDirectLineTokens({ secret: SECRET, ttlSeconds: 60, now: () => clock.ms });

const bearer = (credential: string) => ({ authorization: `Bearer ${credential}` });

function statusOf(call: () => unknown): number | undefined {
  try {
    call();
    return undefined;
  } catch (error) {
    return error instanceof HttpError ? error.status : -1;
  }
}

describe('bearer auth', () => {
  it('reads the credential from "Authorization: Bearer"', () => {
    expect(bearerCredential(bearer('abc'))).toBe('abc');
    expect(bearerCredential({ authorization: 'bearer  abc ' })).toBe('abc');
    expect(bearerCredential({ authorization: 'Basic abc' })).toBeUndefined();
    expect(bearerCredential({})).toBeUndefined();
  });

  it('tells the secret from a token', () => {
    const { token } = tokens.issue('conv-1', 'u_a');
    expect(identifyCaller(tokens, bearer(SECRET))).toEqual({ kind: 'secret' });
    expect(identifyCaller(tokens, bearer(token))).toEqual(
      expect.objectContaining({
        kind: 'token',
        claims: expect.objectContaining({ conversationId: 'conv-1' }),
      }),
    );
  });

  it('answers 401 without a credential and 403 with a wrong one', () => {
    expect(statusOf(() => identifyCaller(tokens, {}))).toBe(401);
    expect(statusOf(() => identifyCaller(tokens, bearer('nonsense')))).toBe(403);
  });

  it('accepts a token only for its own conversation', () => {
    const { token } = tokens.issue('conv-1', 'u_a');
    expect(requireConversationToken(tokens, bearer(token), 'conv-1').userId).toBe('u_a');
    expect(statusOf(() => requireConversationToken(tokens, bearer(token), 'conv-2'))).toBe(403);
  });

  it('refuses the secret where a conversation token is needed, and a token where the secret is', () => {
    const { token } = tokens.issue('conv-1', 'u_a');
    expect(statusOf(() => requireConversationToken(tokens, bearer(SECRET), 'conv-1'))).toBe(403);
    expect(statusOf(() => requireSecret(tokens, bearer(token)))).toBe(403);
    expect(statusOf(() => requireSecret(tokens, bearer(SECRET)))).toBeUndefined();
  });

  it('refuses an expired token with 403', () => {
    const { token } = tokens.issue('conv-1', 'u_a');
    clock.ms += 60_000;
    expect(statusOf(() => requireConversationToken(tokens, bearer(token), 'conv-1'))).toBe(403);
  });
});
