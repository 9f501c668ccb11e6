/**
 * Direct Line tokens: bound to one conversation and one user, expiring on the injected
 * clock, refused when forged or tampered with, and never confused with the secret.
 */
import { describe, expect, it } from '@jest/globals';
import { createDirectLineTokens } from './direct-line-tokens.js';
import { constantTimeEquals, deriveKey, sealEnvelope } from './signed-envelope.js';

const SECRET = 'unit-test-secret-0123456789-abcdefghij';
const START_MS = Date.UTC(2026, 0, 15, 9, 0, 0);

function tokensAt(clock: { ms: number }, secret = SECRET, ttlSeconds = 60) {
  return createDirectLineTokens({ secret, ttlSeconds, now: () => clock.ms });
}

describe('Direct Line tokens', () => {
  it('issues a token that verifies to its conversation and user', () => {
    const clock = { ms: START_MS };
    const tokens = tokensAt(clock);
    const { token, expiresIn } = tokens.issue('conv-1', 'u_person');

    expect(expiresIn).toBe(60);
    expect(tokens.verify(token)).toEqual({
      ok: true,
      claims: {
        conversationId: 'conv-1',
        userId: 'u_person',
        issuedAt: START_MS / 1000,
        expiresAt: START_MS / 1000 + 60,
      },
    });
  });

  it('issues a different token each time, even in the same second', () => {
    const tokens = tokensAt({ ms: START_MS });
    expect(tokens.issue('conv-1', 'u_a').token).not.toBe(tokens.issue('conv-1', 'u_a').token);
  });

  it('accepts a token until the second it expires, then refuses it', () => {
    const clock = { ms: START_MS };
    const tokens = tokensAt(clock);
    const { token } = tokens.issue('conv-1', 'u_a');

    clock.ms = START_MS + 59_999;
    expect(tokens.verify(token).ok).toBe(true);
    clock.ms = START_MS + 60_000;
    expect(tokens.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('refuses a token whose payload was changed to another conversation', () => {
    const tokens = tokensAt({ ms: START_MS });
    const { token } = tokens.issue('conv-1', 'u_a');
    const [, signature] = token.split('.');
    const payload = {
      c: 'conv-2',
      u: 'u_a',
      iat: START_MS / 1000,
      exp: START_MS / 1000 + 60,
      n: 'x',
    };
    const tampered = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;

    expect(tokens.verify(tampered)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses a token signed with another secret', () => {
    const clock = { ms: START_MS };
    const other = tokensAt(clock, 'another-secret-0123456789-abcdefghijkl');
    const { token } = other.issue('conv-1', 'u_a');

    expect(tokensAt(clock).verify(token)).toEqual({ ok: false, reason: 'forged' });
  });

  it('refuses an envelope signed with the session cookie key', () => {
    const cookieKey = deriveKey(SECRET, 'webchat-session-cookie');
    const lookalike = sealEnvelope(cookieKey, { c: 'conv-1', u: 'u_a', iat: 0, exp: 9e9, n: 'x' });

    expect(tokensAt({ ms: START_MS }).verify(lookalike)).toEqual({ ok: false, reason: 'forged' });
  });

  it.each([
    ['empty', ''],
    ['one part', 'abc'],
    ['three parts', 'a.b.c'],
    ['garbage', '%%%.###'],
    ['huge', `${'a'.repeat(5000)}.b`],
  ])('refuses a malformed token (%s)', (_name, token) => {
    const check = tokensAt({ ms: START_MS }).verify(token);
    expect(check.ok).toBe(false);
  });

  it('refuses a correctly signed payload that lacks the claims', () => {
    const key = deriveKey(SECRET, 'direct-line-token');
    const token = sealEnvelope(key, { c: 'conv-1' });
    expect(tokensAt({ ms: START_MS }).verify(token)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('recognises the secret, and only the secret', () => {
    const tokens = tokensAt({ ms: START_MS });
    expect(tokens.isSecret(SECRET)).toBe(true);
    expect(tokens.isSecret(`${SECRET}x`)).toBe(false);
    expect(tokens.isSecret(SECRET.slice(0, -1))).toBe(false);
    expect(tokens.isSecret(tokens.issue('conv-1', 'u_a').token)).toBe(false);
  });

  it('refuses a secret that is too short, with a message saying what is needed', () => {
    expect(() => createDirectLineTokens({ secret: 'short', ttlSeconds: 60 })).toThrow(
      /32 characters/,
    );
  });

  it('refuses a lifetime that is not a positive whole number of seconds', () => {
    expect(() => createDirectLineTokens({ secret: SECRET, ttlSeconds: 0 })).toThrow(/lifetime/);
  });
});

describe('constantTimeEquals', () => {
  it('compares strings of any length', () => {
    expect(constantTimeEquals('abc', 'abc')).toBe(true);
    expect(constantTimeEquals('abc', 'abd')).toBe(false);
    expect(constantTimeEquals('abc', 'abcd')).toBe(false);
    expect(constantTimeEquals('', '')).toBe(true);
  });
});
