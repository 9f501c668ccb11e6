/**
 * Reading a posted activity: the sender and addresses come from the server, text is
 * cleaned and bounded, and anything the bot cannot use is refused with a 400 naming it.
 */
import { describe, expect, it } from '@jest/globals';
import { HttpError } from '../../src/http/http-errors.js';
import { cleanText, readClientActivity, type ActivityOrigin } from './inbound-activity.js';

const ORIGIN: ActivityOrigin = {
  conversationId: 'conv-1',
  userId: 'u_person',
  serviceUrl: 'https://careline.example/v3/directline',
  receivedAt: Date.UTC(2026, 2, 1, 12, 0, 0),
};

function messageOf(body: unknown): Record<string, unknown> {
  const read = readClientActivity(body, ORIGIN);
  if (read.kind !== 'message') throw new Error(`expected a message, got ${read.kind}`);
  return read.activity;
}

function refusalOf(body: unknown): string {
  try {
    readClientActivity(body, ORIGIN);
  } catch (error) {
    expect(error).toBeInstanceOf(HttpError);
    expect((error as HttpError).status).toBe(400);
    return (error as HttpError).message;
  }
  throw new Error('expected a refusal');
}

describe('readClientActivity', () => {
  it('builds the stored activity from the server’s facts, not the client’s', () => {
    const activity = messageOf({
      type: 'message',
      text: 'hello',
      id: 'client-chosen-id',
      from: { id: 'dl_admin', name: 'Ana', role: 'bot' },
      recipient: { id: 'someone' },
      conversation: { id: 'other-conv' },
      channelId: 'sms',
      serviceUrl: 'https://evil.example',
      timestamp: '1999-01-01T00:00:00Z',
      entities: [{ type: 'ClientCapabilities' }],
    });

    expect(activity).toEqual({
      type: 'message',
      channelId: 'webchat',
      serviceUrl: ORIGIN.serviceUrl,
      timestamp: '2026-03-01T12:00:00.000Z',
      from: { id: 'u_person', name: 'Ana', role: 'user' },
      conversation: { id: 'conv-1' },
      recipient: { id: 'careline', name: 'CareLine', role: 'bot' },
      text: 'hello',
    });
  });

  it('keeps what Web Chat sends that the bot can use', () => {
    const activity = messageOf({
      type: 'message',
      text: 'lang:es',
      textFormat: 'plain',
      locale: 'es-MX',
      localTimestamp: '2026-03-01T06:00:00.000-06:00',
      localTimezone: 'America/Mexico_City',
      channelData: {
        clientActivityID: '1712345678901abc',
        messageBack: { displayText: 'Español' },
      },
    });

    expect(activity).toEqual(
      expect.objectContaining({
        text: 'lang:es',
        textFormat: 'plain',
        locale: 'es-MX',
        localTimestamp: '2026-03-01T06:00:00.000-06:00',
        localTimezone: 'America/Mexico_City',
        channelData: {
          clientActivityID: '1712345678901abc',
          messageBack: { displayText: 'Español' },
        },
      }),
    );
  });

  it('drops values it cannot vouch for instead of storing them', () => {
    const activity = messageOf({
      type: 'message',
      text: 'hi',
      locale: 'not a locale!',
      localTimezone: 'Mars/Olympus_Mons',
      localTimestamp: 'yesterday',
      textFormat: 'xml',
      value: { nested: true },
      from: { name: '   ' },
    });

    expect(Object.keys(activity).sort()).toEqual(
      [
        'channelId',
        'conversation',
        'from',
        'recipient',
        'serviceUrl',
        'text',
        'timestamp',
        'type',
      ].sort(),
    );
    expect(activity.from).toEqual({ id: 'u_person', role: 'user' });
  });

  it('tells the caller which id to deduplicate on', () => {
    const read = readClientActivity(
      { type: 'message', text: 'hi', channelData: { clientActivityID: 'abc-1' } },
      ORIGIN,
    );
    expect(read).toEqual(expect.objectContaining({ kind: 'message', clientActivityId: 'abc-1' }));
  });

  it('accepts a button press that carries only a value', () => {
    expect(messageOf({ type: 'message', value: 'role:patient' })).toEqual(
      expect.objectContaining({ value: 'role:patient' }),
    );
  });

  it('lets typing and events through as ignored', () => {
    expect(readClientActivity({ type: 'typing' }, ORIGIN)).toEqual({
      kind: 'ignored',
      type: 'typing',
    });
    expect(readClientActivity({ type: 'event', name: 'x' }, ORIGIN)).toEqual({
      kind: 'ignored',
      type: 'event',
    });
  });

  it.each([
    [null, /JSON object/],
    ['text', /JSON object/],
    [{ type: 'conversationUpdate' }, /type must be/],
    [{ type: 'message' }, /needs text/],
    [{ type: 'message', text: '  \n ' }, /needs text/],
    [{ type: 'message', text: ['a'] }, /text must be a string/],
    [{ type: 'message', text: 'x'.repeat(4001) }, /text must be at most 4000/],
    [{ type: 'message', text: 'hi', attachments: [{}] }, /attachments/],
    [{ type: 'message', text: 'hi', channelData: { clientActivityID: 7 } }, /clientActivityID/],
    [
      { type: 'message', text: 'hi', channelData: { clientActivityID: 'x'.repeat(101) } },
      /clientActivityID/,
    ],
  ])('refuses %j', (body, message) => {
    expect(refusalOf(body)).toMatch(message);
  });

  it('counts characters, not UTF-16 units, against the limit', () => {
    expect(messageOf({ type: 'message', text: '😀'.repeat(4000) }).text).toHaveLength(8000);
  });
});

describe('cleanText', () => {
  it('composes to NFC', () => {
    expect(cleanText('Zoe\u0308')).toBe('Zoë');
  });

  it('removes C0 and C1 control characters but keeps newline and tab', () => {
    expect(cleanText('a\u0000b\u0008c\td\ne\r\u001bf\u007fg\u0085h')).toBe('abc\td\nefgh');
  });
});
