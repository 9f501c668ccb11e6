/**
 * Tests for choosing an RxNorm concept and reading a generic name from its description.
 * Concept codes here are synthetic.
 */
import { describe, expect, it } from '@jest/globals';
import type { RxNormEntity } from '@aws-sdk/client-comprehendmedical';
import { genericNameFromDescription, pickTrustedConcept } from './rxnorm-concepts.js';

function entityWith(concepts: RxNormEntity['RxNormConcepts']): RxNormEntity {
  return {
    Text: 'somedrug',
    Category: 'MEDICATION',
    Type: 'GENERIC_NAME',
    RxNormConcepts: concepts,
  };
}

describe('pickTrustedConcept', () => {
  it('takes the highest-scoring concept, in whatever order they come', () => {
    const entity = entityWith([
      { Code: '900002', Description: 'second', Score: 0.3 },
      { Code: '900001', Description: 'first', Score: 0.8 },
    ]);

    expect(pickTrustedConcept(entity)).toEqual({ code: '900001', description: 'first' });
  });

  it('accepts a score of exactly 0.5', () => {
    expect(pickTrustedConcept(entityWith([{ Code: '900003', Score: 0.5 }]))?.code).toBe('900003');
  });

  it('trusts nothing below 0.5, nothing without a code, and no entity at all', () => {
    expect(pickTrustedConcept(entityWith([{ Code: '900004', Score: 0.49 }]))).toBeUndefined();
    expect(pickTrustedConcept(entityWith([{ Description: 'x', Score: 0.9 }]))).toBeUndefined();
    expect(pickTrustedConcept(entityWith([]))).toBeUndefined();
    expect(pickTrustedConcept(undefined)).toBeUndefined();
  });
});

describe('genericNameFromDescription', () => {
  it.each([
    ['capecitabine 500 MG Oral Tablet [Xeloda]', 'capecitabine'],
    ['tamoxifen 20 MG Oral Tablet', 'tamoxifen'],
    ['capecitabine', 'capecitabine'],
    ['capecitabine Oral Tablet [Xeloda]', 'capecitabine'],
    ['ondansetron hydrochloride 8 MG Oral Tablet', 'ondansetron hydrochloride'],
    [
      'acetaminophen 325 MG / oxycodone hydrochloride 5 MG Oral Tablet [Percocet]',
      'acetaminophen / oxycodone hydrochloride',
    ],
  ])('reads %j as %j', (description, expected) => {
    expect(genericNameFromDescription(description)).toBe(expected);
  });

  it('reads a brand-name concept as the brand itself', () => {
    expect(genericNameFromDescription('Xeloda')).toBe('xeloda');
  });

  it.each(['', '[Xeloda]', '{21 (norethindrone 0.35 MG Oral Tablet) } Pack'])(
    'finds no name in %j',
    (description) => {
      expect(genericNameFromDescription(description)).toBeUndefined();
    },
  );
});
