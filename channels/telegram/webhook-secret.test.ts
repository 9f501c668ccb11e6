/** The webhook secret: derived the same way every time, accepted by Telegram, compared safely. */
import { describe, expect, it } from '@jest/globals';
import {
  createSecretCheck,
  deriveWebhookSecret,
  WEBHOOK_SECRET_PATTERN,
} from './webhook-secret.js';

describe('webhook secret', () => {
  it('is derived deterministically from the token, in characters Telegram accepts', () => {
    const secret = deriveWebhookSecret('123:abc');

    expect(secret).toBe(deriveWebhookSecret('123:abc'));
    expect(secret).not.toBe(deriveWebhookSecret('123:abd'));
    expect(secret).toMatch(WEBHOOK_SECRET_PATTERN);
    expect(secret).not.toContain('abc');
  });

  it('accepts only the exact secret', () => {
    const isWebhookSecret = createSecretCheck('s3cret');

    expect(isWebhookSecret('s3cret')).toBe(true);
    expect(isWebhookSecret('s3cre')).toBe(false);
    expect(isWebhookSecret('s3cretX')).toBe(false);
    expect(isWebhookSecret('')).toBe(false);
    expect(isWebhookSecret(undefined)).toBe(false);
    // Zero padding is not a way in, nor is a header longer than any secret.
    expect(isWebhookSecret('s3cret\u0000')).toBe(false);
    expect(isWebhookSecret('s3cret'.padEnd(300, 'x'))).toBe(false);
  });

  it("accepts a secret of Telegram's longest length, and nothing longer is a secret", () => {
    const longest = 'a'.repeat(256);

    expect(createSecretCheck(longest)(longest)).toBe(true);
    expect(createSecretCheck(longest)(longest.slice(1))).toBe(false);
    expect(() => createSecretCheck(longest + 'a')).toThrow(/at most 256 bytes/);
  });
});
