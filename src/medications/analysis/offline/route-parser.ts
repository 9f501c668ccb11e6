/**
 * Reads how a medication is taken: "by mouth", "oral", "vía oral", "under the tongue", "IV",
 * "infusion", "subcutaneous", "injection", "patch", "inhaler", "suppository", "cream". The
 * first route named wins. A bare "injection" or "shot" reads as subcutaneous, the way people
 * inject at home (enoxaparin, filgrastim); the person confirms it.
 */
import type { TextScan } from './text-scan.js';

const ROUTES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\b(?:by\s+mouth|orally|oral(?:mente)?|p\.?o\.?(?![\p{L}])|per\s+os|swallow(?:ed)?|(?:por\s+)?via\s+oral|por\s+(?:la\s+)?boca|tragad[oa]s?)\b/gu,
    'oral',
  ],
  [
    /\b(?:sublingual(?:ly|mente)?|under\s+(?:the|my)\s+tongue|(?:de)?bajo\s+de\s+la\s+lengua|bajo\s+la\s+lengua)\b/g,
    'sublingual',
  ],
  [
    /(?<!\b(?:stage|estadio|grade|grado|fase|phase|tipo|type)\s+)\bi\.?v\.?(?![\p{L}])|\b(?:intravenous(?:ly)?|intravenos[oa]|endovenos[oa]|infusions?|infusion|drip|by\s+vein|through\s+(?:my\s+|the\s+)?port|por\s+(?:la\s+)?vena|perfusion|goteo|gotero)\b/gu,
    'intravenous',
  ],
  [
    /\b(?:intramuscular(?:ly|mente)?|into\s+the\s+muscle|en\s+el\s+musculo)\b|\bi\.m\.(?![\p{L}])/gu,
    'intramuscular',
  ],
  [
    /\b(?:subcutaneous(?:ly)?|subcut|sub-?q|s\.?c\.?(?![\p{L}])|s\.?q\.?(?![\p{L}])|under\s+the\s+skin|subcutane[oa]|subcutaneamente|injections?|inject(?:ed)?|shots?|inyecci(?:on|ones)|inyectad[oa]|pinchazos?|me\s+pincho|jeringa)\b/gu,
    'subcutaneous',
  ],
  [/\b(?:patch(?:es)?|transdermal|parches?)\b/g, 'transdermal'],
  [
    /\b(?:inhaled|inhalers?|inhalation|nebuli[sz]ed|nebuli[sz]er|inhalad[oa]r?|inhalaciones?|puffs?)\b/g,
    'inhaled',
  ],
  [
    /\b(?:rectal(?:ly)?|suppositor(?:y|ies)|supositorios?|via\s+rectal|por\s+el\s+recto)\b/g,
    'rectal',
  ],
  [
    /\b(?:topical(?:ly)?|cream|ointment|lotion|apply|applied|on\s+the\s+skin|topic[oa]|crema|pomada|unguento|locion|aplicar|mouthwash|mouth\s+rinse|rinse|gargle|swish|enjuague|colutorio|gargaras)\b/g,
    'topical',
  ],
];

/** Reads the first route named in `scan`, taking every route word; undefined when none. */
export function readRoute(scan: TextScan): string | undefined {
  const found = ROUTES.flatMap(([pattern, route]) =>
    scan.takeAll(pattern).map((match) => ({ route, index: match.index })),
  );
  found.sort((a, b) => a.index - b.index);
  return found[0]?.route;
}
