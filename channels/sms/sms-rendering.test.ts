/**
 * Replies as text messages: numbered options from the real locale files, typographic
 * characters replaced, every message within its segment budget, cuts where a reader would
 * break the text, and the options whole in the last message.
 */
import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import {
  numberOptions,
  renderSms,
  smsOptionsOf,
  type SmsOption,
  type SmsRenderInput,
} from './sms-rendering.js';
import { countSegments, encodingOf } from './sms-segments.js';

const i18n = createI18n();
const en = i18n.getFixedT('en');
const es = i18n.getFixedT('es');

const roles: SmsOption[] = [
  { title: 'Patient', value: 'role:patient' },
  { title: 'Caregiver', value: 'role:caregiver' },
];

const render = (input: Partial<SmsRenderInput> & { text: string }) =>
  renderSms({ locale: 'en', t: en, ...input });

/** Every word of `text`, in order, as a person reads it. */
const wordsOf = (...texts: string[]) => texts.join(' ').split(/\s+/).filter(Boolean);

/** `count` synthetic sentences of about 60 characters. */
const sentences = (count: number, from = 1) =>
  Array.from(
    { length: count },
    (_, i) => `Sentence ${from + i} says rest, drink water and write down questions.`,
  ).join(' ');

function expectWithin(messages: string[], maxSegments: number) {
  for (const message of messages) {
    expect({ message, segments: countSegments(message).segments <= maxSegments }).toEqual({
      message,
      segments: true,
    });
  }
}

describe('renderSms', () => {
  it('numbers the options under the question, one per line', () => {
    expect(render({ text: 'Are you a patient or a caregiver?', options: roles })).toEqual([
      'Are you a patient or a caregiver?\n\nReply with 1 or 2:\n1. Patient\n2. Caregiver',
    ]);
  });

  it('introduces the options in Spanish, joining the numbers the Spanish way', () => {
    const options = [...roles, { title: 'Otra', value: 'role:other' }];
    const [message] = renderSms({ text: '¿Quién eres?', options, locale: 'es', t: es });

    expect(message).toBe(
      '¿Quién eres?\n\nResponde con 1, 2 o 3:\n1. Patient\n2. Caregiver\n3. Otra',
    );
  });

  it('replaces curly quotes, dashes and bullets in text and titles so it stays GSM-7', () => {
    const [message] = render({
      text: 'Here’s what I can do — “quickly”:\n• Reminders…',
      options: [{ title: 'I’m done', value: 'done' }],
    });

    expect(message).toBe(
      'Here\'s what I can do - "quickly":\n- Reminders...\n\nReply with 1:\n1. I\'m done',
    );
    expect(encodingOf(message!)).toBe('GSM-7');
  });

  it('sends a short reply as one message and nothing for an empty one', () => {
    expect(render({ text: '  Thanks, Sam.  ' })).toEqual(['Thanks, Sam.']);
    expect(render({ text: ' \n ' })).toEqual([]);
  });

  it('sends options alone when there is no text', () => {
    expect(render({ text: '', options: roles })).toEqual([
      'Reply with 1 or 2:\n1. Patient\n2. Caregiver',
    ]);
  });

  it('sends up to 3 segments as one message by default', () => {
    const text = sentences(7); // about 450 characters: 3 GSM-7 segments
    expect(countSegments(text).segments).toBe(3);

    expect(render({ text })).toEqual([text]);
    expect(render({ text, maxSegments: 2 }).length).toBe(2);
  });

  it('cuts a long reply at paragraphs, each message within 3 segments', () => {
    const paragraphs = [sentences(4, 1), sentences(4, 5), sentences(4, 9), sentences(4, 13)];
    const messages = render({ text: paragraphs.join('\n\n') });

    expect(messages.length).toBeGreaterThan(1);
    expectWithin(messages, 3);
    expect(wordsOf(...messages)).toEqual(wordsOf(...paragraphs));
    for (const message of messages) expect(paragraphs.join('\n\n')).toContain(message);
  });

  it('cuts one long paragraph between sentences', () => {
    const text = sentences(12);
    const messages = render({ text, maxSegments: 1 });

    expectWithin(messages, 1);
    expect(wordsOf(...messages)).toEqual(wordsOf(text));
    for (const message of messages) expect(message).toMatch(/^Sentence \d+ .*questions\.$/);
  });

  it('counts a Spanish reply with á, í, ó, ú as UCS-2 and keeps its accents', () => {
    const text = Array.from(
      { length: 10 },
      (_, i) => `La pregunta ${i + 1} está aquí: ¿cómo te sentiste después de la sesión?`,
    ).join(' ');
    const messages = renderSms({ text, locale: 'es', t: es, maxSegments: 2 });

    expect(messages.length).toBeGreaterThan(1);
    expectWithin(messages, 2);
    expect(messages.every((m) => encodingOf(m) === 'UCS-2')).toBe(true);
    expect(wordsOf(...messages)).toEqual(wordsOf(text));
  });

  it('never cuts between the halves of an emoji', () => {
    const text = '💊'.repeat(200);
    const messages = render({ text, maxSegments: 1 });

    expectWithin(messages, 1);
    expect(messages.join('')).toBe(text);
    for (const message of messages) expect([...message].every((c) => c === '💊')).toBe(true);
  });

  it('keeps a word whole when it fits a message, even with no space in the second half', () => {
    const long = 'x'.repeat(158);
    const messages = render({ text: `hi ${long} there`, maxSegments: 1 });

    expect(messages).toEqual(['hi', long, 'there']);
  });

  it('cuts inside a word only when the word alone is longer than a message', () => {
    const link = `https://example.org/${'a'.repeat(400)}`;
    const messages = render({ text: `See ${link} today`, maxSegments: 1 });

    expectWithin(messages, 1);
    expect(messages[0]).toBe('See');
    // Hard cuts fall inside the link only; the last part holds its end and " today".
    expect(messages.slice(1).join('')).toBe(`${link} today`);
    expect(messages.slice(1, -1).every((m) => countSegments(m).units === 160)).toBe(true);
  });

  it('keeps extension characters within the budget at two septets each', () => {
    const text = 'Copay [est.] {about} 20€ | ~ ^ '.repeat(20);
    const messages = render({ text, maxSegments: 1 });

    expectWithin(messages, 1);
    expect(wordsOf(...messages)).toEqual(wordsOf(text));
  });

  it('keeps the options whole in the last message, with the question they answer', () => {
    const question = 'What would you like to do now?';
    const text = [sentences(5, 1), sentences(5, 6), question].join('\n\n');
    const messages = render({ text, options: roles });

    expect(messages.length).toBeGreaterThan(1);
    expectWithin(messages, 3);
    expect(messages.at(-1)).toMatch(
      /What would you like to do now\?\n\nReply with 1 or 2:\n1\. Patient\n2\. Caregiver$/,
    );
    expect(messages.slice(0, -1).some((m) => m.includes('Reply with'))).toBe(false);
    expect(wordsOf(...messages)).toEqual(
      wordsOf(text, 'Reply with 1 or 2: 1. Patient 2. Caregiver'),
    );
  });

  it('puts the end of a long last paragraph with the options, cut between sentences', () => {
    const text = sentences(12);
    const messages = render({ text, options: roles, maxSegments: 2 });

    expectWithin(messages, 2);
    expect(messages.at(-1)).toMatch(/^Sentence \d+ .*questions\.\n\nReply with 1 or 2:/);
    expect(wordsOf(...messages)).toEqual(
      wordsOf(text, 'Reply with 1 or 2: 1. Patient 2. Caregiver'),
    );
  });

  it('keeps whole lines with the options when the text is one long list', () => {
    const lines = Array.from(
      { length: 8 },
      (_, i) => `- Item ${i + 1}: rest, water and a short walk`,
    );
    const text = [...lines, 'Which would you like?'].join('\n');
    const messages = render({ text, options: roles, maxSegments: 2 });

    expectWithin(messages, 2);
    expect(messages.length).toBe(2);
    expect(messages.at(-1)).toMatch(
      /^(- Item \d+: [^\n]+\n)+Which would you like\?\n\nReply with 1 or 2:/,
    );
    expect(messages[0]).toMatch(/^- Item 1: .*walk$/s);
  });

  it('cuts a list of options longer than a message between its lines, in order', () => {
    const options = Array.from({ length: 30 }, (_, i) => ({
      title: `Choice ${i + 1}`,
      value: `${i}`,
    }));
    const messages = render({ text: 'Pick one.', options, maxSegments: 1 });

    expectWithin(messages, 1);
    const lines = messages
      .join('\n')
      .split('\n')
      .filter((line) => /^\d+\. /.test(line));
    expect(lines).toEqual(options.map((o, i) => `${i + 1}. ${o.title}`));
  });

  it('refuses a segment budget below one', () => {
    expect(() => render({ text: 'Hi', maxSegments: 0 })).toThrow(RangeError);
    expect(() => render({ text: 'Hi', maxSegments: 1.5 })).toThrow(/whole number/);
  });
});

describe('numberOptions', () => {
  it('numbers options from 1 in order', () => {
    expect(numberOptions(roles).map((o) => [o.number, o.value])).toEqual([
      [1, 'role:patient'],
      [2, 'role:caregiver'],
    ]);
  });
});

describe('smsOptionsOf', () => {
  it('reads imBack, postBack and messageBack actions and leaves out links', () => {
    const options = smsOptionsOf({
      suggestedActions: {
        actions: [
          { type: 'imBack', title: 'Patient', value: 'role:patient' },
          { type: 'postBack', title: 'Caregiver', value: 'role:caregiver' },
          { type: 'messageBack', title: 'Help', text: 'menu:help', displayText: 'Help' },
          { type: 'openUrl', title: 'Site', value: 'https://example.org' },
          { type: 'imBack', value: 'menu:show' },
          { type: 'imBack', title: 'Broken' },
        ],
      },
    });

    expect(options).toEqual([
      { title: 'Patient', value: 'role:patient' },
      { title: 'Caregiver', value: 'role:caregiver' },
      { title: 'Help', value: 'menu:help' },
      { title: 'menu:show', value: 'menu:show' },
    ]);
  });

  it('gives no options for an activity without suggested actions', () => {
    expect(smsOptionsOf({ text: 'Hi' })).toEqual([]);
  });
});
