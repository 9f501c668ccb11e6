/**
 * Builders for synthetic Comprehend Medical answers in the documented shapes. Offsets are
 * computed from the text, so fixtures stay right when a test's sentence changes. RxNorm codes
 * made here are synthetic (9xxxxx), not real RxCUIs.
 */
import type {
  Attribute,
  Entity,
  RxNormConcept,
  RxNormEntity,
} from '@aws-sdk/client-comprehendmedical';

type AttributeType = 'DOSAGE' | 'STRENGTH' | 'FREQUENCY' | 'ROUTE_OR_MODE' | 'DURATION' | 'FORM';

/** Where `part` sits in `text`, in code points as Comprehend counts them. */
export function spanOf(text: string, part: string, from = 0) {
  const index = text.indexOf(part, from);
  if (index < 0) throw new Error(`fixture: ${JSON.stringify(part)} is not in the text`);

  const begin = Array.from(text.slice(0, index)).length;
  return { BeginOffset: begin, EndOffset: begin + Array.from(part).length, Text: part };
}

export function attribute(text: string, type: AttributeType, part: string, id = 1): Attribute {
  return {
    Type: type,
    Score: 0.97,
    RelationshipScore: 0.99,
    RelationshipType: type,
    Id: id,
    ...spanOf(text, part),
    Category: 'MEDICATION',
    Traits: [],
  };
}

export function medicationEntity(
  text: string,
  type: 'GENERIC_NAME' | 'BRAND_NAME',
  part: string,
  attributes: Attribute[] = [],
  fields: Partial<Entity> = {},
): Entity {
  return {
    Id: 0,
    ...spanOf(text, part),
    Score: 0.99,
    Category: 'MEDICATION',
    Type: type,
    Traits: [],
    Attributes: attributes,
    ...fields,
  };
}

export function rxNormEntity(
  text: string,
  type: 'GENERIC_NAME' | 'BRAND_NAME',
  part: string,
  concepts: RxNormConcept[],
): RxNormEntity {
  return {
    Id: 0,
    ...spanOf(text, part),
    Score: 0.99,
    Category: 'MEDICATION',
    Type: type,
    Traits: [],
    Attributes: [],
    RxNormConcepts: concepts,
  };
}
