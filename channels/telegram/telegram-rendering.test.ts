/**
 * Replies on Telegram: plain text (nothing escaped, no parse mode), buttons as an inline
 * keyboard on the last part, and long text split where a reader would break it.
 */
import { describe, expect, it } from '@jest/globals';
import { MAX_MESSAGE_LENGTH, renderReply, splitText } from './telegram-rendering.js';

const buttons = (...values: string[]) => ({
  actions: values.map((value) => ({ type: 'imBack', title: `Title ${value}`, value })),
});

describe('renderReply', () => {
  it('sends text exactly as written: no markup is interpreted or escaped', () => {
    const text = 'Hi <b>Zoë</b> & _friends_ *5* [x](y)';
    expect(renderReply({ type: 'message', text })).toEqual([{ text }]);
  });

  it('turns suggested actions into one inline button per row sending the value back', () => {
    const [part] = renderReply({
      text: 'Role?',
      suggestedActions: buttons('role:patient', 'role:caregiver'),
    });

    expect(part!.keyboard).toEqual({
      inline_keyboard: [
        [{ text: 'Title role:patient', callback_data: 'role:patient' }],
        [{ text: 'Title role:caregiver', callback_data: 'role:caregiver' }],
      ],
    });
  });

  it('leaves out a button whose value does not fit 64 bytes of callback data', () => {
    const long = `x:${'é'.repeat(32)}`; // 66 bytes in UTF-8
    const [part] = renderReply({ text: 'Pick', suggestedActions: buttons('ok', long) });

    expect(part!.keyboard!.inline_keyboard.flat().map((b) => b.text)).toEqual(['Title ok']);
    expect(
      renderReply({ text: 'Pick', suggestedActions: buttons(long) })[0]!.keyboard,
    ).toBeUndefined();
  });

  it('splits a 5,000-character reply in two at a paragraph, keyboard on the last part', () => {
    const first = `${'a'.repeat(2999)}.`;
    const second = 'b'.repeat(1998);
    const parts = renderReply({
      text: `${first}\n\n${second}`,
      suggestedActions: buttons('menu:show'),
    });

    expect(parts.map((p) => p.text)).toEqual([first, second]);
    expect(parts[0]!.keyboard).toBeUndefined();
    expect(parts[1]!.keyboard).toBeDefined();
  });

  it('sends nothing for an empty reply', () => {
    expect(renderReply({ type: 'message', text: '  ' })).toEqual([]);
  });
});

describe('splitText', () => {
  it('keeps text that fits in one part', () => {
    expect(splitText('short')).toEqual(['short']);
    expect(splitText('x'.repeat(MAX_MESSAGE_LENGTH))).toHaveLength(1);
  });

  it('prefers a line break, then a sentence end, then a space', () => {
    expect(splitText(`${'a'.repeat(60)}\n${'b'.repeat(50)}`, 100)).toEqual([
      'a'.repeat(60),
      'b'.repeat(50),
    ]);
    expect(splitText(`${'a'.repeat(60)}. ${'b'.repeat(30)} ${'c'.repeat(20)}`, 100)).toEqual([
      `${'a'.repeat(60)}.`,
      `${'b'.repeat(30)} ${'c'.repeat(20)}`,
    ]);
    expect(splitText(`${'a'.repeat(70)} ${'b'.repeat(50)}`, 100)).toEqual([
      'a'.repeat(70),
      'b'.repeat(50),
    ]);
  });

  it('cuts hard when there is no boundary, never inside a surrogate pair', () => {
    const text = '🙂'.repeat(120); // 240 UTF-16 code units
    const parts = splitText(text, 101);

    expect(parts.join('')).toBe(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(101);
      expect(part).toBe(Array.from(part).join('')); // no lone surrogates
      expect(/^[\uDC00-\uDFFF]|[\uD800-\uDBFF]$/.test(part)).toBe(false);
    }
  });

  it('never returns a part over the limit', () => {
    const text = Array.from({ length: 300 }, (_, i) => `Sentence ${i} is here.`).join(' ');
    for (const part of splitText(text, 500)) expect(part.length).toBeLessThanOrEqual(500);
    expect(splitText(text, 500).join(' ')).toBe(text);
  });
});
