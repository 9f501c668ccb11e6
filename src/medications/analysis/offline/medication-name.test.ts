import { describe, expect, it } from '@jest/globals';
import { findLeadingName } from './medication-name.js';
import { normalizeText } from './normalize-text.js';

function leadingName(written: string): string | undefined {
  const { text } = normalizeText(written);
  const span = findLeadingName(text);
  return span && text.slice(span.start, span.end);
}

describe('findLeadingName', () => {
  it.each([
    ['Zorblax 10 mg daily', 'zorblax'],
    ['I take Zorblax 10 mg', 'zorblax'],
    ["I'm also taking Zorblax XR twice a day", 'zorblax xr'],
    ['please add my new medication: Zorblax', 'zorblax'],
    ['estoy tomando Zorbláx por la noche', 'zorblax'],
    ['me han recetado Blorf cada 8 horas', 'blorf'],
    ['- Zorblax, 10 mg', 'zorblax'],
    ['Zorblax tablets', 'zorblax'],
    ['Zorblax extra fuerte retard plus', 'zorblax extra fuerte retard'],
  ])('finds the name in "%s"', (written, name) => {
    expect(leadingName(written)).toBe(name);
  });

  it.each([
    'twice a day',
    '10 mg every morning',
    'I take 2 pills at night',
    'yes',
    'hola',
    'x',
    'half a tablet',
    'z'.repeat(80),
  ])('finds no name in "%s"', (written) => {
    expect(leadingName(written)).toBeUndefined();
  });
});
