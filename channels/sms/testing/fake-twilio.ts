/**
 * For tests: Twilio's Messages API faked with nock at its documented endpoint
 * (`POST /2010-04-01/Accounts/{AccountSid}/Messages.json`, form-encoded, HTTP basic auth)
 * and answered in its documented shapes: 201 with the message resource, or an error
 * `{ code, message, more_info, status }`. Every request is recorded.
 */
import { randomBytes } from 'node:crypto';
import nock from 'nock';

export const TEST_ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;
export const TEST_AUTH_TOKEN = 'test-twilio-auth-token-0123456789';
export const TWILIO_ORIGIN = 'https://api.twilio.com';
const MESSAGES_PATH = `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages.json`;

/** One message Twilio was asked to send. */
export interface SentRequest {
  From: string;
  To: string;
  Body: string;
  StatusCallback?: string;
  sid: string;
  /** The Authorization header, to check the account's credentials were used. */
  authorization: string;
}

/** How the fake answers the next requests, in order; then it accepts everything. */
export type ScriptedAnswer =
  { kind: 'error'; status: number; code: number; message: string } | { kind: 'accept' };

export interface FakeTwilio {
  sent: SentRequest[];
  /** Answers the next requests as given, one each, before going back to accepting. */
  script(...answers: ScriptedAnswer[]): void;
  done(): void;
}

/** Intercepts Twilio's API until `done()`; real network stays disabled except loopback. */
export function fakeTwilio(): FakeTwilio {
  const sent: SentRequest[] = [];
  const scripted: ScriptedAnswer[] = [];
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  const scope = nock(TWILIO_ORIGIN)
    .persist()
    .post(MESSAGES_PATH)
    .reply(function answer(_uri, body) {
      const params = Object.fromEntries(new URLSearchParams(String(body)));
      const answer = scripted.shift() ?? { kind: 'accept' };
      if (answer.kind === 'error') {
        return [answer.status, errorBody(answer)];
      }
      const sid = `SM${randomBytes(16).toString('hex')}`;
      sent.push({
        From: params.From!,
        To: params.To!,
        Body: params.Body!,
        StatusCallback: params.StatusCallback,
        sid,
        authorization: String(this.req.headers.authorization ?? ''),
      });
      return [201, messageResource(sid, params)];
    });
  return {
    sent,
    script: (...answers) => scripted.push(...answers),
    done: () => {
      scope.persist(false);
      nock.cleanAll();
      nock.enableNetConnect();
    },
  };
}

function errorBody(answer: { status: number; code: number; message: string }) {
  return {
    code: answer.code,
    message: answer.message,
    more_info: `https://www.twilio.com/docs/errors/${answer.code}`,
    status: answer.status,
  };
}

function messageResource(sid: string, params: Record<string, string>) {
  const now = new Date().toUTCString();
  return {
    account_sid: TEST_ACCOUNT_SID,
    api_version: '2010-04-01',
    body: params.Body,
    date_created: now,
    date_sent: null,
    date_updated: now,
    direction: 'outbound-api',
    error_code: null,
    error_message: null,
    from: params.From,
    messaging_service_sid: null,
    num_media: '0',
    num_segments: '1',
    price: null,
    price_unit: 'USD',
    sid,
    status: 'queued',
    subresource_uris: {
      media: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages/${sid}/Media.json`,
    },
    to: params.To,
    uri: `/2010-04-01/Accounts/${TEST_ACCOUNT_SID}/Messages/${sid}.json`,
  };
}
