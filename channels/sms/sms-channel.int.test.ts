import { enqueueOutbound } from '../../src/storage/outbox.js';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.js';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from './testing/fake-twilio.js';
import {
  CARELINE_NUMBERS,
  newMessageSid,
  PUBLIC_URL,
  SMS_STATUS_PATH,
  SMS_WEBHOOK_PATH,
  startSmsTestApp,
  type SmsTestApp,
} from './testing/sms-test-app.js';
import { twilioSignature } from './testing/twilio-signing.js';

let database: TestDatabase;
let app: SmsTestApp;
let phoneCounter = 0;

/** A fresh synthetic number per test, so each test has its own person. */
function newPhone(): string {
  phoneCounter += 1;
  return `+1555${String(Date.now() % 1_000_000).padStart(6, '0')}${phoneCounter % 10}`;
}

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});
beforeEach(async () => {
  app = await startSmsTestApp(database.db);
});
afterEach(async () => {
  await app.stop();
});

function sentTo(phone: string) {
  return app.twilio.sent.filter((message) => message.To === phone);
}

async function inboxRows(sid: string) {
  return database.db
    .selectFrom('inbox')
    .selectAll()
    .where('external_id', 'like', `${sid}%`)
    .execute();
}

async function identityOf(phone: string) {
  return database.db
    .selectFrom('channel_identities')
    .selectAll()
    .where('channel', '=', 'sms')
    .where('external_id', '=', phone)
    .executeTakeFirst();
}

/** A person who has started onboarding by SMS (so CareLine knows their number). */
async function knownPerson(): Promise<{ phone: string; personId: string }> {
  const phone = newPhone();
  await app.text(phone, 'Hello');
  await app.settle();
  const identity = await identityOf(phone);
  return { phone, personId: identity!.person_id };
}

async function queueProactive(personId: string, phone: string, text: string, key: string) {
  await enqueueOutbound(database.db, [
    {
      personId,
      channel: 'sms',
      address: { channelId: 'sms', conversationId: phone, userId: phone },
      payload: { type: 'message', text },
      idempotencyKey: key,
    },
  ]);
  app.careline.signal.notifyQueued('sms');
}

describe('receiving texts', () => {
  it('starts onboarding for an unknown number, with numbered options and a status callback', async () => {
    const phone = newPhone();
    const { response } = await app.text(phone, 'Hi');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/xml/);
    expect(await response.text()).toContain('<Response></Response>');
    await app.settle();

    const texts = sentTo(phone);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    expect(texts[0]!.Body).toMatch(/CareLine/);
    expect(texts.at(-1)!.Body).toMatch(/1\. English\n2\. Español/);
    // Replies come from the number the person texted.
    expect(texts[0]!.From).toBe(CARELINE_NUMBERS[0]);
    // One person hears from one number.
    expect(new Set(texts.map((text) => text.From)).size).toBe(1);
    expect(texts[0]!.StatusCallback).toBe(`${PUBLIC_URL}${SMS_STATUS_PATH}`);
    const basic = Buffer.from(`${TEST_ACCOUNT_SID}:${TEST_AUTH_TOKEN}`).toString('base64');
    expect(texts[0]!.authorization).toBe(`Basic ${basic}`);
  });

  it('reads a reply of "2" as the second option offered', async () => {
    const { phone, personId } = await knownPerson();
    const before = sentTo(phone).length;
    await app.text(phone, '2');
    await app.settle();

    const person = await database.db
      .selectFrom('people')
      .select('locale')
      .where('id', '=', personId)
      .executeTakeFirstOrThrow();
    expect(person.locale).toBe('es');
    const replies = sentTo(phone)
      .slice(before)
      .map((text) => text.Body);
    expect(replies.join('\n')).toMatch(/privacidad/i);
  });

  it('answers a text holding a NUL or half an emoji instead of failing it', async () => {
    const phone = newPhone();
    const { response } = await app.text(phone, 'Hi\u0000 there \ud83d');
    expect(response.status).toBe(200);
    await app.settle();

    expect(sentTo(phone).at(-1)!.Body).toMatch(/1\. English\n2\. Español/);
  });

  it('processes a retried webhook (same MessageSid) once', async () => {
    const phone = newPhone();
    const sid = newMessageSid();
    const first = await app.text(phone, 'Hi', sid);
    await app.settle();
    const sentAfterFirst = sentTo(phone).length;
    const second = await app.text(phone, 'Hi', sid);
    await app.settle();

    expect(first.response.status).toBe(200);
    expect(second.response.status).toBe(200);
    expect(await inboxRows(sid)).toHaveLength(1);
    expect(sentTo(phone)).toHaveLength(sentAfterFirst);
  });
});

describe('webhook signatures', () => {
  function params(phone: string, sid = newMessageSid()) {
    return {
      AccountSid: TEST_ACCOUNT_SID,
      Body: 'Hi',
      From: phone,
      MessageSid: sid,
      To: CARELINE_NUMBERS[0]!,
    };
  }

  it('refuses a wrong signature with 403 and stores nothing', async () => {
    const phone = newPhone();
    const body = params(phone);
    const forged = twilioSignature(
      'not-the-auth-token-000000',
      PUBLIC_URL + SMS_WEBHOOK_PATH,
      body,
    );
    const response = await app.post(SMS_WEBHOOK_PATH, body, forged);

    expect(response.status).toBe(403);
    expect(await inboxRows(body.MessageSid)).toHaveLength(0);
    expect(await identityOf(phone)).toBeUndefined();
  });

  it('refuses a missing signature', async () => {
    const body = params(newPhone());
    expect((await app.post(SMS_WEBHOOK_PATH, body, null)).status).toBe(403);
    expect(await inboxRows(body.MessageSid)).toHaveLength(0);
  });

  it('refuses a signature made for another URL', async () => {
    const body = params(newPhone());
    const elsewhere = twilioSignature(TEST_AUTH_TOKEN, 'https://other.example.org/api/sms', body);
    expect((await app.post(SMS_WEBHOOK_PATH, body, elsewhere)).status).toBe(403);
    expect(await inboxRows(body.MessageSid)).toHaveLength(0);
  });

  it('accepts the parameters in any order: the signature sorts them', async () => {
    const phone = newPhone();
    const body = params(phone);
    const reordered = Object.fromEntries(Object.entries(body).reverse());
    const signature = twilioSignature(TEST_AUTH_TOKEN, PUBLIC_URL + SMS_WEBHOOK_PATH, body);
    const response = await app.post(SMS_WEBHOOK_PATH, reordered, signature);

    expect(response.status).toBe(200);
    expect(await inboxRows(body.MessageSid)).toHaveLength(1);
  });

  it('answers 400 to a signed body that is not a Twilio message, and stores nothing', async () => {
    const response = await app.post(SMS_WEBHOOK_PATH, { From: 'not a number', Body: 'x' });
    expect(response.status).toBe(400);
  });

  it('answers 413 to an oversized body', async () => {
    const response = await app.post(SMS_WEBHOOK_PATH, { Body: 'x'.repeat(70_000) }, 'sig');
    expect(response.status).toBe(413);
  });
});

describe('opt-out, opt-in and help', () => {
  it('STOP opts out with one confirmation; then nothing else is texted', async () => {
    const { phone, personId } = await knownPerson();
    const before = sentTo(phone).length;
    const stop = await app.text(phone, 'STOP');
    await app.settle();
    // Twilio retries the webhook: no second confirmation.
    await app.text(phone, 'STOP', stop.sid);
    await app.settle();

    const after = sentTo(phone).slice(before);
    expect(after).toHaveLength(1);
    expect(after[0]!.Body).toMatch(/START/);
    expect((await identityOf(phone))!.opted_out_at).not.toBeNull();

    await queueProactive(personId, phone, 'Your reminder', `test:stop:${phone}`);
    await app.settle();
    expect(sentTo(phone).slice(before)).toHaveLength(1);
    const row = await database.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('idempotency_key', '=', `test:stop:${phone}`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: 'opted_out' });
  });

  it.each(['stop texting me', 'Unsubscribe', 'no más mensajes', 'QUIT'])(
    'treats "%s" as opting out',
    async (text) => {
      const { phone } = await knownPerson();
      await app.text(phone, text);
      await app.settle();
      expect((await identityOf(phone))!.opted_out_at).not.toBeNull();
    },
  );

  it('START opts back in with one confirmation, and texts flow again', async () => {
    const { phone, personId } = await knownPerson();
    await app.text(phone, 'STOP');
    await app.settle();
    const before = sentTo(phone).length;
    await app.text(phone, 'START');
    await app.settle();

    expect((await identityOf(phone))!.opted_out_at).toBeNull();
    expect(sentTo(phone).slice(before)).toHaveLength(1);
    await queueProactive(personId, phone, 'Welcome back', `test:start:${phone}`);
    await app.settle();
    expect(sentTo(phone).at(-1)!.Body).toBe('Welcome back');
  });

  it('HELP answers with the program, the contact, frequency, rates and how to stop', async () => {
    const { phone } = await knownPerson();
    await app.text(phone, 'HELP');
    await app.settle();

    const help = sentTo(phone).at(-1)!.Body;
    expect(help).toMatch(/CareLine/);
    expect(help).toMatch(/help@careline\.example\.org/);
    expect(help).toMatch(/Msg & data rates may apply/);
    expect(help).toMatch(/frequency/i);
    expect(help).toMatch(/STOP/);
  });

  it('a crisis inside an opt-out still reaches the safety screen and staff', async () => {
    const { phone, personId } = await knownPerson();
    await app.text(phone, 'stop texting me, I want to kill myself');
    await app.settle();

    expect((await identityOf(phone))!.opted_out_at).not.toBeNull();
    const escalations = await database.db
      .selectFrom('escalations')
      .select('reason')
      .where('person_id', '=', personId)
      .execute();
    expect(escalations.map((row) => row.reason)).toContain('crisis');
  });
});

describe('sending', () => {
  it('retries a 5xx from Twilio and sends once', async () => {
    const { phone, personId } = await knownPerson();
    app.twilio.script({ kind: 'error', status: 503, code: 20503, message: 'Service unavailable' });
    await queueProactive(personId, phone, 'After a hiccup', `test:5xx:${phone}`);
    await app.settle();
    expect(sentTo(phone).filter((text) => text.Body === 'After a hiccup')).toHaveLength(1);
  });

  it('marks the person opted out when Twilio answers 21610, and sends nothing more', async () => {
    const { phone, personId } = await knownPerson();
    app.twilio.script({
      kind: 'error',
      status: 400,
      code: 21610,
      message: 'Attempt to send to unsubscribed recipient',
    });
    await queueProactive(personId, phone, 'Refused', `test:21610:${phone}`);
    await app.settle();

    expect((await identityOf(phone))!.opted_out_at).not.toBeNull();
    const row = await database.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('idempotency_key', '=', `test:21610:${phone}`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: 'opted_out' });
  });

  it('sends a part again after an undelivered receipt with 30003, then records delivery', async () => {
    const { phone, personId } = await knownPerson();
    await queueProactive(personId, phone, 'Please arrive', `test:30003:${phone}`);
    await app.settle();
    const first = sentTo(phone).filter((text) => text.Body === 'Please arrive');
    expect(first).toHaveLength(1);

    const receipt = (sid: string, status: string, code?: string) => ({
      AccountSid: TEST_ACCOUNT_SID,
      MessageSid: sid,
      MessageStatus: status,
      To: phone,
      From: first[0]!.From,
      ...(code ? { ErrorCode: code } : {}),
    });
    expect(
      (await app.post(SMS_STATUS_PATH, receipt(first[0]!.sid, 'undelivered', '30003'))).status,
    ).toBe(204);
    await new Promise((resolve) => setTimeout(resolve, 120));
    await app.settle();
    const again = sentTo(phone).filter((text) => text.Body === 'Please arrive');
    expect(again).toHaveLength(2);

    await app.post(SMS_STATUS_PATH, receipt(again[1]!.sid, 'delivered'));
    const row = await database.db
      .selectFrom('outbox')
      .select(['status', 'delivery_status', 'delivery_error_code'])
      .where('idempotency_key', '=', `test:30003:${phone}`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({
      status: 'delivered',
      delivery_status: 'delivered',
      delivery_error_code: null,
    });
  });

  it('stops for good and marks the number unreachable on 30006 (landline)', async () => {
    const { phone, personId } = await knownPerson();
    await queueProactive(personId, phone, 'To a landline', `test:30006:${phone}`);
    await app.settle();
    const sent = sentTo(phone).find((text) => text.Body === 'To a landline')!;
    await app.post(SMS_STATUS_PATH, {
      MessageSid: sent.sid,
      MessageStatus: 'undelivered',
      ErrorCode: '30006',
      To: phone,
    });

    expect((await identityOf(phone))!.unreachable_at).not.toBeNull();
    const row = await database.db
      .selectFrom('outbox')
      .select(['status', 'last_error'])
      .where('idempotency_key', '=', `test:30006:${phone}`)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'failed', last_error: 'twilio_30006' });
  });

  it('refuses a receipt with a forged signature', async () => {
    const body = { MessageSid: newMessageSid(), MessageStatus: 'delivered', To: newPhone() };
    expect((await app.post(SMS_STATUS_PATH, body, 'forged')).status).toBe(403);
  });

  it("hides the person's medicine names unless they asked for details", async () => {
    const { phone, personId } = await knownPerson();
    await database.db
      .insertInto('medications')
      .values({
        person_id: personId,
        name: 'Tamoxifen',
        recognized: true,
        start_date: '2027-01-01',
      })
      .execute();
    await queueProactive(personId, phone, 'Time for Tamoxifen 20 mg.', `test:hide:${phone}`);
    await app.settle();
    expect(sentTo(phone).at(-1)!.Body).toBe('Time for (private) 20 mg.');

    await database.db
      .updateTable('people')
      .set({ sms_health_details: true })
      .where('id', '=', personId)
      .execute();
    await queueProactive(personId, phone, 'Time for Tamoxifen 20 mg.', `test:show:${phone}`);
    await app.settle();
    expect(sentTo(phone).at(-1)!.Body).toBe('Time for Tamoxifen 20 mg.');
  });

  it('holds a message for quiet hours without holding back replies sent after it', async () => {
    const { phone, personId } = await knownPerson();
    const inAnHour = new Date(Date.now() + 3_600_000);
    await enqueueOutbound(database.db, [
      {
        personId,
        channel: 'sms',
        address: { channelId: 'sms', conversationId: phone, userId: phone },
        payload: { type: 'message', text: 'Held reminder' },
        idempotencyKey: `test:held:${phone}`,
        holdUntil: inAnHour,
      },
    ]);
    await queueProactive(personId, phone, 'Sent now', `test:now:${phone}`);
    await app.settle();

    const bodies = sentTo(phone).map((text) => text.Body);
    expect(bodies).toContain('Sent now');
    expect(bodies).not.toContain('Held reminder');
  });
});
