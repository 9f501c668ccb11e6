/**
 * Segment counting and cutting as carriers do it: GSM-7 against UCS-2, extension characters
 * at two septets, surrogate pairs and escapes never split, and typographic characters
 * replaced only where that changes nothing a person reads.
 */
import { describe, expect, it } from '@jest/globals';
import {
  countSegments,
  encodingOf,
  GSM7_BASIC_CHARACTERS,
  GSM7_EXTENSION_CHARACTERS,
  normalizeForGsm,
  splitIntoSegments,
} from './sms-segments.js';

const a = (count: number) => 'a'.repeat(count);

describe('the GSM-7 alphabet', () => {
  it('has the 127 basic characters and 10 extension characters of GSM 03.38, apart', () => {
    expect(GSM7_BASIC_CHARACTERS.size).toBe(127);
    expect(GSM7_EXTENSION_CHARACTERS.size).toBe(10);
    expect([...GSM7_EXTENSION_CHARACTERS].filter((c) => GSM7_BASIC_CHARACTERS.has(c))).toEqual([]);
  });

  it('holds é, ñ, ü, ¿ and ¡ but not á, í, ó, ú, ç or the backtick', () => {
    expect([...'éÉñÑüÜ¿¡àèìòù'].every((c) => GSM7_BASIC_CHARACTERS.has(c))).toBe(true);
    expect([...'áíóúÁÍÓÚç`'].filter((c) => GSM7_BASIC_CHARACTERS.has(c))).toEqual([]);
  });
});

describe('countSegments', () => {
  it('sends 160 plain characters as one GSM-7 segment and 161 as two of 153 and 8', () => {
    expect(countSegments(a(160))).toEqual({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments(a(161))).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(splitIntoSegments(a(161)).map((s) => s.length)).toEqual([153, 8]);
    expect(countSegments(a(306)).segments).toBe(2);
    expect(countSegments(a(307)).segments).toBe(3);
  });

  it('keeps a Spanish message with é, ñ, ¿ and ¡ in GSM-7', () => {
    const text = '¡Ya llegué, señor Muñoz! ¿Qué tal? Él te espera.';
    expect(encodingOf(text)).toBe('GSM-7');
    expect(countSegments(text).units).toBe([...text].length);
  });

  it('sends a Spanish message with á, í, ó or ú as UCS-2: 70 units, then 67 per part', () => {
    const accented = '¿Cómo está? ';
    expect(encodingOf(accented)).toBe('UCS-2');

    const seventy = accented + a(70 - accented.length);
    expect(countSegments(seventy)).toEqual({ encoding: 'UCS-2', segments: 1, units: 70 });
    expect(countSegments(`${seventy}a`)).toEqual({ encoding: 'UCS-2', segments: 2, units: 71 });
    expect(splitIntoSegments(`${seventy}a`).map((s) => s.length)).toEqual([67, 4]);
  });

  it('counts an emoji as two UCS-2 units and never splits its surrogate pair', () => {
    expect(countSegments('Hi 👍')).toEqual({ encoding: 'UCS-2', segments: 1, units: 5 });

    const text = `${a(66)}👍${a(10)}`; // the emoji would straddle units 67 and 68
    const segments = splitIntoSegments(text);
    expect(segments).toEqual([a(66), `👍${a(10)}`]);
    expect(segments.join('')).toBe(text);
    expect(countSegments(text)).toEqual({ encoding: 'UCS-2', segments: 2, units: 78 });
  });

  it('counts each extension character, form feed included, as two septets', () => {
    expect(countSegments('€')).toEqual({ encoding: 'GSM-7', segments: 1, units: 2 });
    expect(countSegments('^{}\\[~]|€\f').units).toBe(20);
    expect(countSegments(`${a(158)}€`).segments).toBe(1);
    expect(countSegments(`${a(159)}€`)).toEqual({ encoding: 'GSM-7', segments: 2, units: 161 });
    expect(countSegments('['.repeat(80)).segments).toBe(1);
    expect(splitIntoSegments('['.repeat(81)).map((s) => s.length)).toEqual([76, 5]);
  });

  it('never separates an extension character from its escape, even at a cost of a segment', () => {
    const text = `${a(152)}€${a(152)}`; // 306 septets: two segments by division
    const segments = splitIntoSegments(text);

    expect(segments).toEqual([a(152), `€${a(151)}`, 'a']);
    expect(countSegments(text)).toEqual({ encoding: 'GSM-7', segments: 3, units: 306 });
  });

  it('costs nothing for an empty text', () => {
    expect(countSegments('')).toEqual({ encoding: 'GSM-7', segments: 0, units: 0 });
    expect(splitIntoSegments('')).toEqual([]);
  });
});

describe('normalizeForGsm', () => {
  it('replaces curly quotes, dashes, ellipsis, odd spaces and bullets with GSM-7 ones', () => {
    const text = '“Here’s” ‘it’ – now—or… later\u00A0then\u202Fagain\u2009•\tdone «ok»';
    const normalized = normalizeForGsm(text);

    expect(normalized).toBe('"Here\'s" \'it\' - now-or... later then again - done "ok"');
    expect(encodingOf(text)).toBe('UCS-2');
    expect(encodingOf(normalized)).toBe('GSM-7');
  });

  it('drops invisible characters and turns CRLF into LF', () => {
    expect(normalizeForGsm('to\u00ADmor\u200Brow\uFEFF\r\nyes\rno')).toBe('tomorrow\nyes\nno');
  });

  it('composes a decomposed é so it stays GSM-7', () => {
    const decomposed = 'cafe\u0301';
    expect(encodingOf(decomposed)).toBe('UCS-2');
    expect(normalizeForGsm(decomposed)).toBe('café');
    expect(encodingOf(normalizeForGsm(decomposed))).toBe('GSM-7');
  });

  it('keeps Spanish accents, the degree sign and emoji, which carry meaning', () => {
    const text = '¿Cómo está tu fiebre? 38 °C 🌡️';
    expect(normalizeForGsm(text)).toBe(text);
    expect(encodingOf(normalizeForGsm(text))).toBe('UCS-2');
  });
});
