/**
 * Reads whether a medication is taken only when needed ("as needed", "prn", "when I need it",
 * "si lo necesito", "a demanda", "cuando sea necesario", "SOS") and what it is for ("for
 * nausea", "para las náuseas", "if I have pain", "si tengo dolor"). The reason is quoted as the
 * person wrote it, without a leading article ("para las náuseas" → "náuseas").
 */
import { STOP_WORDS } from './name-words.js';
import type { TextScan } from './text-scan.js';

export interface AsNeededReading {
  asNeeded: boolean;
  reason?: string;
}

const AS_NEEDED = [
  /\b(?:as|when|if|only\s+when|only\s+if)\s+(?:needed|necessary|required)\b/g,
  /\bp\.?r\.?n\b\.?/g,
  /\b(?:when(?:ever)?|if|only\s+when|only\s+if)\s+(?:i|you)\s+(?:really\s+)?need\s+(?:it|them|one|some|to)\b/g,
  /\bon\s+demand\b|\brescue\b/g,
  /\bsi\s+(?:lo|la|los|las|me)\s+(?:necesito|hace\s+falta)\b|\bsi\s+(?:es|fuera|fuese)\s+necesario\b/g,
  /\bsi\s+hace\s+falta\b|\bcuando\s+(?:lo|la|los|las)\s+necesite\b|\bsi\s+precisa\b/g,
  /\bcuando\s+(?:sea|haga|me\s+haga)\s+(?:necesario|falta)\b|\ba\s+demanda\b/g,
  /\bsegun\s+(?:necesidad|sea\s+necesario)\b|\bsos\b|\bde\s+rescate\b/g,
];
const ARTICLE = String.raw`(?:(?:the|my|any|a|an|some|el|la|los|las|mi|mis|un|una|algo\s+de|mucho|mucha)\s+)?`;
const WORDS = String.raw`(\p{L}[\p{L}'-]*(?:\s+\p{L}[\p{L}'-]*){0,5})`;
const CONDITION = new RegExp(
  String.raw`\bp\.?r\.?n\.?\s+(?:for\s+)?${ARTICLE}${WORDS}|\b(?:(?:if|when(?:ever)?)\s+(?:i\s+(?:have|get|feel|am|experience)|i'm|im|there\s+is|there's|feeling)|in\s+case\s+of|(?:si|cuando)\s+(?:tengo|tenga|hay|siento|me\s+(?:da|dan|duele|duelen|siento|encuentro))|en\s+caso\s+de(?:\s+tener)?)\s+${ARTICLE}${WORDS}`,
  'gud',
);
const PURPOSE = new RegExp(
  String.raw`\b(?:for|against|to\s+(?:treat|help\s+with|prevent|stop|control|manage)|para|contra)\s+${ARTICLE}${WORDS}`,
  'gud',
);
const JOINERS = new Set(['and', 'or', 'y', 'o', '&']);
const NOT_A_REASON = new Set(['now', 'life', 'ever', 'good', 'always', 'ahora', 'siempre']);

/** Reads as-needed words and the reason in `scan`, taking their words. */
export function readAsNeeded(scan: TextScan): AsNeededReading {
  // Conditions first: "prn pain" is both as-needed and a reason.
  const condition = readReason(scan, CONDITION);
  const asNeeded = AS_NEEDED.some((pattern) => scan.takeAll(pattern).length > 0);
  const reason = condition ?? readReason(scan, PURPOSE);

  return { asNeeded: asNeeded || condition !== undefined, ...(reason && { reason }) };
}

function readReason(scan: TextScan, pattern: RegExp): string | undefined {
  for (const match of scan.findAll(pattern)) {
    // The words are in whichever alternative's group matched.
    const group = match.groups.findIndex((words, index) => index > 0 && words !== undefined);
    const [from = 0] = match.indices?.[group] ?? [];
    const length = reasonLength(match.groups[group] ?? '');
    if (length === 0) continue;

    scan.blank(match.index, from + length);
    return scan.quote(from, from + length);
  }
  return undefined;
}

/** How many characters of `words` make the reason: up to the first stop word. */
function reasonLength(words: string): number {
  const tokens = [...words.matchAll(/\S+/g)];
  let end = 0;
  for (const [position, token] of tokens.entries()) {
    const word = token[0];
    const next = tokens[position + 1]?.[0];
    const joinsTwoReasons =
      JOINERS.has(word) && end > 0 && next !== undefined && !STOP_WORDS.has(next);
    if (!joinsTwoReasons && (STOP_WORDS.has(word) || NOT_A_REASON.has(word))) break;

    end = (token.index ?? 0) + word.length;
  }
  return end;
}
