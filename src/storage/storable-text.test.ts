import { describe, expect, it } from '@jest/globals';
import { toStorable, toStorableText } from './storable-text.js';

describe('toStorableText', () => {
  it('drops NUL and replaces lone surrogate halves, keeping whole pairs', () => {
    expect(toStorableText('a\u0000b')).toBe('ab');
    expect(toStorableText('x\ud800y')).toBe('x\uFFFDy');
    expect(toStorableText('x\udc00y')).toBe('x\uFFFDy');
    expect(toStorableText('end\ud83d')).toBe('end\uFFFD');
    expect(toStorableText('💊 ok ñ')).toBe('💊 ok ñ');
    expect(toStorableText('\udc00\ud800')).toBe('\uFFFD\uFFFD');
  });
});

describe('toStorable', () => {
  it('cleans every string of a JSON value, keys included, leaving the rest as it was', () => {
    const activity = {
      text: 'take\u0000 it',
      value: { ['k\ud800']: ['\udfff', 3, true, null] },
      channelData: { count: 2 },
    };

    expect(toStorable(activity)).toEqual({
      text: 'take it',
      value: { ['k\uFFFD']: ['\uFFFD', 3, true, null] },
      channelData: { count: 2 },
    });
    expect(activity.text).toBe('take\u0000 it');
  });

  it('returns a value that needs no repair as it is, without a copy', () => {
    const activity = { text: '💊 ok ñ', value: { list: ['a', 1, null] } };

    expect(toStorable(activity)).toBe(activity);
    expect(toStorable({ deep: [{ ['\ud83d']: 1 }] })).toEqual({ deep: [{ ['\uFFFD']: 1 }] });
  });

  it('keeps a Date as it is, in a value that needs a repair too', () => {
    const timestamp = new Date('2026-12-03T10:00:00Z');
    const stored = toStorable({ text: 'x\u0000', timestamp });

    expect(stored.timestamp).toBe(timestamp);
    expect(JSON.stringify(stored)).toBe('{"text":"x","timestamp":"2026-12-03T10:00:00.000Z"}');
  });
});
