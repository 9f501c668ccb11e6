/**
 * For the SMS tests only: CareLine's server (real turn pipeline, PostgreSQL, inbox, outbox
 * and dispatchers, wired by `createCareLineServer` as in `src/app.ts`) with its SMS channel
 * talking to Twilio's API faked by nock. Webhooks are signed as Twilio signs them, for the
 * public URL `PUBLIC_URL` (as if behind a proxy).
 */
import { randomBytes } from 'node:crypto';
import { createTestBot } from '../../../test/support/bot-harness.js';
import { createCareLineServer, type CareLineServer } from '../../../src/careline-server.js';
import { createI18n } from '../../../src/i18n/i18n.js';
import { createLogger } from '../../../src/logging/logger.js';
import type { Db } from '../../../src/storage/database.js';
import { SMS_STATUS_PATH, SMS_WEBHOOK_PATH, SIGNATURE_HEADER } from '../sms-webhook-route.js';
import { fakeTwilio, TEST_ACCOUNT_SID, TEST_AUTH_TOKEN, type FakeTwilio } from './fake-twilio.js';
import { twilioSignature } from './twilio-signing.js';

/** What Twilio is told CareLine's address is. */
export const PUBLIC_URL = 'https://careline.example.org';
export const CARELINE_NUMBERS = ['+15550100001', '+15550100002'];
const WEBCHAT_SECRET = 'test-direct-line-secret-0123456789abcdef';

export interface SmsTestApp {
  baseUrl: string;
  careline: CareLineServer;
  twilio: FakeTwilio;
  /** Posts form `params` to `path`, signed for PUBLIC_URL + path unless `signature` is given. */
  post(path: string, params: Record<string, string>, signature?: string | null): Promise<Response>;
  /** Posts an incoming text from `from`; returns the response and the MessageSid used. */
  text(
    from: string,
    body: string,
    messageSid?: string,
  ): Promise<{ response: Response; sid: string }>;
  /** Resolves when every text so far has been processed and its replies sent. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

export function newMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}

export async function startSmsTestApp(db: Db): Promise<SmsTestApp> {
  const twilio = fakeTwilio();
  const logger = createLogger(process.env.SMS_TEST_LOG === '1' ? 'debug' : 'silent');
  const i18n = createI18n();
  const careline = createCareLineServer({
    db,
    logger,
    bot: createTestBot(db, logger, i18n),
    outboxPollIntervalMs: 50,
    webchat: { secret: WEBCHAT_SECRET, tokenTtlSeconds: 1800, i18n },
    sms: {
      accountSid: TEST_ACCOUNT_SID,
      authToken: TEST_AUTH_TOKEN,
      phoneNumbers: CARELINE_NUMBERS,
      publicUrl: PUBLIC_URL,
      // Fast, so only the pacing tests wait.
      segmentsPerSecondPerNumber: 1000,
      program: { program: 'CareLine', contact: 'help@careline.example.org' },
      resendBackoffMs: 50,
      keepAlive: false,
      i18n,
      defaultLocale: 'en',
    },
  });
  const baseUrl = (await careline.listen(0, '127.0.0.1')).replace(/\/$/, '');

  async function post(path: string, params: Record<string, string>, signature?: string | null) {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    const signed =
      signature === undefined
        ? twilioSignature(TEST_AUTH_TOKEN, PUBLIC_URL + path, params)
        : signature;
    if (signed !== null) headers[SIGNATURE_HEADER] = signed;
    return fetch(`${baseUrl}${path}`, {
      method: 'POST',
      headers,
      body: new URLSearchParams(params).toString(),
    });
  }

  async function text(from: string, body: string, messageSid = newMessageSid()) {
    const response = await post(SMS_WEBHOOK_PATH, {
      AccountSid: TEST_ACCOUNT_SID,
      ApiVersion: '2010-04-01',
      Body: body,
      From: from,
      MessageSid: messageSid,
      NumMedia: '0',
      NumSegments: '1',
      SmsSid: messageSid,
      SmsStatus: 'received',
      To: CARELINE_NUMBERS[0]!,
    });
    return { response, sid: messageSid };
  }

  async function settle(): Promise<void> {
    for (let i = 0; i < 400; i++) {
      await careline.processor.idle();
      const waiting = await db
        .selectFrom('inbox')
        .select('id')
        .where('status', '=', 'received')
        .unionAll(
          db
            .selectFrom('outbox')
            .select('id')
            .where('status', 'in', ['pending', 'sending'])
            .where((eb) =>
              eb.or([eb('hold_until', 'is', null), eb('hold_until', '<=', new Date())]),
            ),
        )
        .executeTakeFirst();
      if (!waiting) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('SMS test app did not settle');
  }

  return {
    baseUrl,
    careline,
    twilio,
    post,
    text,
    settle,
    stop: async () => {
      await careline.close(60_000);
      twilio.done();
    },
  };
}

export { SMS_STATUS_PATH, SMS_WEBHOOK_PATH };
