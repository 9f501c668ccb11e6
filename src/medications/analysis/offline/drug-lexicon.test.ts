import { describe, expect, it } from '@jest/globals';
import {
  DRUG_LEXICON,
  findDrugMentions,
  isOneEditAway,
  lexiconKey,
  lexiconKeys,
  lookUpDrugName,
} from './drug-lexicon.js';
import { FILLER_WORDS, STOP_WORDS } from './name-words.js';
import { normalizeText } from './normalize-text.js';

function mentionsIn(text: string): string[] {
  return findDrugMentions(normalizeText(text).text).map((mention) => mention.drug.generic);
}

describe('drug lexicon contents', () => {
  const names = DRUG_LEXICON.flatMap((drug) => [
    drug.generic,
    ...(drug.brands ?? []),
    ...(drug.aliases ?? []),
  ]);

  it('holds at least 150 drugs', () => {
    expect(DRUG_LEXICON.length).toBeGreaterThanOrEqual(150);
  });

  it('has no two names with the same key, once case and accents are folded', () => {
    const keys = names.map(lexiconKey);
    const duplicates = keys.filter((key, index) => keys.indexOf(key) !== index);

    expect(duplicates).toEqual([]);
    expect(lexiconKeys()).toHaveLength(names.length);
  });

  it('maps every brand and alias to a generic that is itself in the lexicon', () => {
    const generics = new Set(DRUG_LEXICON.map((drug) => drug.generic));
    for (const drug of DRUG_LEXICON) {
      for (const name of [...(drug.brands ?? []), ...(drug.aliases ?? [])]) {
        const found = lookUpDrugName(name);
        expect({ name, generic: found?.drug.generic }).toEqual({ name, generic: drug.generic });
        expect(generics.has(found?.drug.generic ?? '')).toBe(true);
      }
    }
  });

  it('spells generics in lower case and gives RxCUIs as digits, one per drug', () => {
    const ids = DRUG_LEXICON.flatMap((drug) => (drug.rxNormId ? [drug.rxNormId] : []));

    for (const drug of DRUG_LEXICON) expect(drug.generic).toBe(drug.generic.toLowerCase());
    for (const id of ids) expect(id).toMatch(/^[1-9]\d*$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each([
    ['tamoxifen', '10324'],
    ['capecitabine', '194000'],
    ['ondansetron', '26225'],
    ['letrozole', '72965'],
    ['anastrozole', '84857'],
    ['imatinib', '282388'],
    ['dexamethasone', '3264'],
    ['metoclopramide', '6915'],
    ['prochlorperazine', '8704'],
    ['lorazepam', '6470'],
    ['morphine', '7052'],
    ['oxycodone', '7804'],
    ['acetaminophen', '161'],
    ['ibuprofen', '5640'],
  ])('gives %s the RxCUI %s', (generic, rxNormId) => {
    expect(lookUpDrugName(generic)?.drug.rxNormId).toBe(rxNormId);
  });

  it.each([
    ['Xeloda', 'capecitabine'],
    ['Temodar', 'temozolomide'],
    ['Femara', 'letrozole'],
    ['Arimidex', 'anastrozole'],
    ['Aromasin', 'exemestane'],
    ['Zytiga', 'abiraterone'],
    ['Xtandi', 'enzalutamide'],
    ['Gleevec', 'imatinib'],
    ['Ibrance', 'palbociclib'],
    ['Kisqali', 'ribociclib'],
    ['Verzenio', 'abemaciclib'],
    ['Lynparza', 'olaparib'],
    ['Revlimid', 'lenalidomide'],
    ['Zofran', 'ondansetron'],
    ['Keytruda', 'pembrolizumab'],
  ])('knows the brand %s as %s', (brandName, generic) => {
    const found = lookUpDrugName(brandName);

    expect(found?.kind).toBe('brand');
    expect(found?.drug.generic).toBe(generic);
  });

  it.each([
    ['paracetamol', 'acetaminophen'],
    ['ondansetrón', 'ondansetron'],
    ['dexametasona', 'dexamethasone'],
    ['metoclopramida', 'metoclopramide'],
    ['capecitabina', 'capecitabine'],
    ['tamoxifeno', 'tamoxifen'],
    ['ácido zoledrónico', 'zoledronic acid'],
    ['enjuague mágico', 'magic mouthwash'],
  ])('knows the Spanish name %s as %s', (spanish, generic) => {
    expect(lookUpDrugName(spanish)?.drug.generic).toBe(generic);
  });
});

describe('findDrugMentions', () => {
  it('ignores case and accents', () => {
    expect(mentionsIn('TAMOXIFEN')).toEqual(['tamoxifen']);
    expect(mentionsIn('OndansetróN')).toEqual(['ondansetron']);
    expect(mentionsIn('Dexametasona')).toEqual(['dexamethasone']);
  });

  it('finds multi-word names and names joined by hyphens', () => {
    expect(mentionsIn('MS Contin 15 mg')).toEqual(['morphine']);
    expect(mentionsIn('solu-medrol')).toEqual(['methylprednisolone']);
    expect(mentionsIn('5-FU infusion')).toEqual(['fluorouracil']);
    expect(mentionsIn('zoledronic acid yearly')).toEqual(['zoledronic acid']);
  });

  it('reports where each name sits, in order', () => {
    const text = normalizeText('tamoxifen and Zofran').text;
    const mentions = findDrugMentions(text);

    expect(mentions.map(({ start, end }) => text.slice(start, end))).toEqual([
      'tamoxifen',
      'zofran',
    ]);
    expect(mentions.map(({ spelling }) => spelling)).toEqual(['tamoxifen', 'Zofran']);
  });

  it.each([
    ['tamoxifin', 'tamoxifen'],
    ['tamoxfen', 'tamoxifen'],
    ['tamoxiffen', 'tamoxifen'],
    ['tamoixfen', 'tamoxifen'],
    ['ondansteron', 'ondansetron'],
    ['Xelodaa', 'capecitabine'],
    ['letrozle', 'letrozole'],
    ['dexametasone', 'dexamethasone'],
  ])('forgives one typo: %s is %s', (typed, generic) => {
    expect(mentionsIn(typed)).toEqual([generic]);
  });

  it.each(['tamxofin', 'ondasnteron', 'zofan', 'xelod', 'senn'])(
    'does not stretch to two typos, or to a short word: %s',
    (typed) => {
      expect(mentionsIn(typed)).toEqual([]);
    },
  );

  it.each([
    'tambien',
    'revista',
    'concert',
    'ambient',
    'reflex',
    'lyrics',
    'platino',
    'propia',
    'compra',
    'marino',
    'aspiring',
    'cortex',
  ])('does not read the common word "%s" as a drug', (word) => {
    expect(mentionsIn(word)).toEqual([]);
  });

  it('reads no schedule, unit, filler or greeting word as a drug', () => {
    const words = [...STOP_WORDS, ...FILLER_WORDS, 'tablets', 'capsules', 'morning', 'evening'];

    expect(words.filter((word) => mentionsIn(word).length > 0)).toEqual([]);
  });

  it('reads a sentence of everyday words as no drug at all', () => {
    const sentence =
      'Every morning I take my pills with breakfast, then walk the dog; por la noche tomo ' +
      'las pastillas después de cenar con mi familia, también los domingos.';

    expect(mentionsIn(sentence)).toEqual([]);
  });
});

describe('isOneEditAway', () => {
  it.each([
    ['tamoxifen', 'tamoxifin', true],
    ['tamoxifen', 'tamoxfen', true],
    ['tamoxifen', 'tamoxiffen', true],
    ['tamoxifen', 'tamxoifen', true],
    ['tamoxifen', 'tamoxifen', false],
    ['tamoxifen', 'tamxofin', false],
    ['abc', 'abcde', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(isOneEditAway(a, b)).toBe(expected);
    expect(isOneEditAway(b, a)).toBe(expected);
  });
});
