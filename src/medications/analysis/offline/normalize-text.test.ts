import { describe, expect, it } from '@jest/globals';
import { normalizeText, quoteWritten } from './normalize-text.js';

describe('normalizeText', () => {
  it('folds case and accents, and makes spaces single', () => {
    expect(normalizeText('  Ondansetrón   8 MG  ').text).toBe('ondansetron 8 mg');
    expect(normalizeText('NÁUSEAS, año, pingüino').text).toBe('nauseas, ano, pinguino');
  });

  it('applies NFKC: full-width digits, non-breaking spaces, ligatures and ½', () => {
    expect(normalizeText('２０\u00a0mg').text).toBe('20 mg');
    expect(normalizeText('20\u202fmg').text).toBe('20 mg');
    expect(normalizeText('ﬁlgrastim').text).toBe('filgrastim');
    expect(normalizeText('½ tablet').text).toBe('1/2 tablet');
  });

  it('drops zero-width characters and makes apostrophes plain', () => {
    expect(normalizeText('tamo\u200bxifen').text).toBe('tamoxifen');
    expect(normalizeText('I\u2019m on it').text).toBe("i'm on it");
    expect(normalizeText('I\u00b4m on it').text).toBe("i'm on it");
  });

  it('keeps new lines, which separate medications', () => {
    expect(normalizeText('tamoxifen 20 mg \r\n ondansetron').text).toBe(
      'tamoxifen 20 mg\nondansetron',
    );
  });

  it('reads 2 x as a multiplication', () => {
    expect(normalizeText('2 × 500 mg').text).toBe('2 x 500 mg');
  });

  it('has one source position for every folded character', () => {
    const source = normalizeText('Ｚｏｒｂｌáｘ 😀 ok');

    expect(source.starts).toHaveLength(source.text.length);
    expect(source.ends).toHaveLength(source.text.length);
  });
});

describe('quoteWritten', () => {
  it('quotes the words as written, with case and accents', () => {
    const source = normalizeText('Tomo ZORBLÁX   retard 10 mg');
    const start = source.text.indexOf('zorblax');
    const end = source.text.indexOf(' 10');

    expect(quoteWritten(source, start, end)).toBe('ZORBLÁX retard');
  });

  it('keeps positions right after a character outside the basic plane', () => {
    const source = normalizeText('😀 náuseas');
    const start = source.text.indexOf('nauseas');

    expect(quoteWritten(source, start, start + 'nauseas'.length)).toBe('náuseas');
  });

  it('quotes nothing for an empty range', () => {
    expect(quoteWritten(normalizeText('tamoxifen'), 3, 3)).toBe('');
  });
});
