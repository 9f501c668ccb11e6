/**
 * The words that control an SMS subscription, in English and Spanish: opting out, opting
 * back in, and asking for help. Carriers and the CTIA expect STOP, STOPALL, UNSUBSCRIBE,
 * CANCEL, END, QUIT (Twilio adds REVOKE and OPTOUT) to opt a person out, START, YES and
 * UNSTOP to opt them back in, and HELP and INFO to answer with who is texting and how to
 * stop. US rules also ask that a revocation "by any reasonable means" be honoured, so plain
 * requests such as "stop texting me" or "no más mensajes" opt out too.
 *
 * Keywords count only as the whole message ("CANCEL", not "cancel my appointment"); phrases
 * count anywhere, unless the message negates them ("please don't stop texting me") or only
 * limits when to write ("don't text me after 9pm"), which a dialog should handle instead.
 * Matching erring towards opting out costs one confirmation telling the person how to come
 * back; a missed revocation keeps texting someone who asked us to stop.
 *
 * Run the safety screen on a message before acting on its keyword: "stop texting me, I want
 * to die" is both.
 *
 * TODO: when a message holds an opt-out word but matches nothing here ("stop the texts at
 * night maybe?"), the rules allow one message asking what the person meant; add that with
 * the SMS dialog that can ask it.
 */
import type { TFunction } from '../../src/i18n/i18n.js';

/** What a message asks of the subscription. */
export type SmsKeyword = 'opt_out' | 'opt_in' | 'help';

/** What `classifySmsKeyword` needs to know about the person. */
export interface SmsKeywordContext {
  /** Whether the person is opted out now; only then does a plain "yes" or "sí" opt back in. */
  optedOut: boolean;
}

/** What the keyword replies name. */
export interface SmsProgram {
  /** The program name as registered with carriers, for example "CareLine". */
  program: string;
  /** Where to get help: a phone number, email address or web address. */
  contact: string;
}

/**
 * The form replies are compared in: accents removed, lowercase, apostrophes dropped
 * ("don't" gives "dont"), any other punctuation a space, spaces collapsed and trimmed.
 */
export function foldReply(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02BC\u00B4`]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

const OPT_OUT_KEYWORDS = new Set([
  'stop',
  'stopall',
  'unsubscribe',
  'cancel',
  'end',
  'quit',
  'revoke',
  'optout',
  'parar',
  'alto',
  'baja',
  'cancelar',
  'detener',
]);
// START and UNSTOP always opt in (the carrier acts on them whatever we do).
const OPT_IN_KEYWORDS = new Set(['start', 'unstop']);
// Ordinary answers to a yes/no question, so they opt in only a person who is opted out.
const OPT_IN_WHEN_OPTED_OUT = new Set(['yes', 'si']);
const HELP_KEYWORDS = new Set(['help', 'info', 'ayuda', 'informacion']);

const anyOf = (...words: string[]) => `(?:${words.join('|')})`;
const pattern = (source: string) => new RegExp(source);

const MESSAGES = anyOf('texts?', 'text messages', 'messages', 'msgs', 'sms', 'txts');
const MENSAJES = anyOf('mensajes', 'mensajitos', 'textos', 'sms', 'msjs');
const SOME = '(?:these |the |your |any |all )?';
const ALGUNOS = '(?:estos |sus |tus |los )?';
// "no me envíes", "que me manden": the ways to say "send me" or "write to me" after a "no".
const SEND_ME_ES = anyOf(
  ...['envies', 'envie', 'envien', 'mandes', 'mande', 'manden', 'escribas', 'escriba'],
  ...['escriban', 'textees', 'contactes', 'contacte', 'contacten'],
);
const STOP_ES = anyOf('deja', 'dejen', 'deje', 'para', 'pare', 'paren');
const WRITE_ES = anyOf('escribir', 'enviar', 'mandar', 'textear', 'contactar', 'molestar');
const REMOVE_ME_ES = anyOf(
  ...['borrame', 'sacame', 'quitame', 'eliminame', 'borrenme', 'saquenme', 'quitenme'],
);
const POLITE_EN = '(?: (?:please|pls|it|now|already|thanks|thank you))*';
const ASKING_ES = anyOf(
  'quiero',
  'por favor',
  'favor de',
  'puedes',
  'pueden',
  'podrias',
  'podrian',
);

// Requests to stop all texts, written against folded text. Each may stand anywhere.
const REVOCATIONS: readonly RegExp[] = [
  // English
  /\bstop (?:texting|txting|messaging|contacting|bothering|spamming) me\b/,
  pattern(String.raw`\bstop (?:sending|receiving|getting) (?:me )?${SOME}${MESSAGES}\b`),
  pattern(String.raw`\bstop (?:these|the|your|all) ${MESSAGES}\b`),
  /\bunsubscribe\b/,
  /\bopt me out\b/,
  pattern(String.raw`\bopt ?out(?: of ${SOME}(?:${MESSAGES}|careline))?(?: please)?$`),
  /\b(?:dont|do not|never) (?:text|message|txt|sms|contact) me\b/,
  pattern(String.raw`\b(?:dont|do not|never) send me (?:any ?more |more |any )?${MESSAGES}\b`),
  pattern(String.raw`\bno more ${MESSAGES}\b`),
  pattern(
    String.raw`\bi (?:dont|do not) want (?:to (?:get|receive) )?(?:any ?more |more |${SOME})*` +
      String.raw`${MESSAGES}\b`,
  ),
  /\b(?:remove|take) me (?:from|off) (?:this|the|your) (?:list|texts|messages)\b/,
  /\bremove my (?:number|phone number)\b/,
  // Spanish
  pattern(String.raw`\bno mas ${MENSAJES}\b`),
  pattern(String.raw`\bno me ${SEND_ME_ES}\b`),
  pattern(String.raw`\b${STOP_ES} de ${WRITE_ES}(?:me|nos)?\b`),
  pattern(
    String.raw`\bno quiero (?:recibir |que me ${SEND_ME_ES} )?(?:mas )?${ALGUNOS}${MENSAJES}\b`,
  ),
  pattern(String.raw`\bde baja de ${ALGUNOS}(?:${MENSAJES}|(?:la|esta) lista|careline)\b`),
  /\bcancel(?:ar|a|en|e) (?:mi |la |esta |su )?suscripcion\b/,
  /\bdesuscribir(?:me)?\b/,
  pattern(String.raw`\b${REMOVE_ME_ES} de (?:la|esta|su|tu) lista\b`),
  pattern(String.raw`\bbasta de ${MENSAJES}\b`),
];

// Requests that only count as the whole message: "please stop" mid-sentence may be about pain.
const WHOLE_MESSAGE_REVOCATIONS: readonly RegExp[] = [
  pattern(String.raw`^(?:please )?(?:stop|quit|cancel|unsubscribe)${POLITE_EN}$`),
  /^no more(?: please)?$/,
  /^(?:por favor )?(?:para|pare|paren|alto|parar|detente)(?: (?:por favor|ya))*$/,
  pattern(String.raw`^(?:${ASKING_ES} )?(?:darme|dame|denme|deme|me doy) de baja(?: por favor)?$`),
];

// A revocation the message takes back ("don't stop", "no dejes de") or only limits in time
// ("after 9pm", "por la noche").
const NOT_A_REVOCATION: readonly RegExp[] = [
  /\b(?:dont|do not|not) (?:want (?:you |them )?to )?(?:ever )?(?:stop|unsubscribe|quit|opt)\b/,
  /\bno (?:quiero (?:que )?)?(?:dejes|deje|dejen|pares|pare|paren|dejar|parar) de\b/,
  /\bkeep (?:texting|messaging|sending)\b|\bsiga?n? (?:escribiendo|enviando|mandando)\b/,
  /\b(?:after|before|until|till|til|between) (?:\d|noon|midnight|dinner|lunch|work|bedtime)/,
  /\b(?:at night|on weekends|in the (?:morning|evening)|during (?:the )?(?:day|night|week))\b/,
  /\b(?:despues|antes) de (?:las? )?(?:\d|mediodia|medianoche|cena|comida|trabajo)/,
  /\b(?:hasta|entre) (?:las? )?\d|\ba las? \d|\bfines de semana\b/,
  /\b(?:de|por la|en la) (?:noche|manana|madrugada|tarde)\b/,
];

/**
 * What the message asks of the subscription, or undefined for an ordinary message. Opting
 * out wins over everything. START and UNSTOP opt in even a subscribed person, as carriers
 * treat them; "yes" and "sí" only one who is opted out. HELP counts opted out or not.
 */
export function classifySmsKeyword(
  text: string,
  { optedOut }: SmsKeywordContext,
): SmsKeyword | undefined {
  const folded = foldReply(text);
  if (folded === '') return undefined;

  if (isOptOut(folded)) return 'opt_out';
  const keyword = folded.replace(/ /g, '');
  if (OPT_IN_KEYWORDS.has(keyword)) return 'opt_in';
  if (optedOut && OPT_IN_WHEN_OPTED_OUT.has(keyword)) return 'opt_in';
  if (HELP_KEYWORDS.has(keyword)) return 'help';
  return undefined;
}

function isOptOut(folded: string): boolean {
  // "STOP ALL", "opt-out" and "STOP STOP STOP" are still the keyword.
  if (OPT_OUT_KEYWORDS.has(folded.replace(/ /g, ''))) return true;
  if (folded.split(' ').every((word) => OPT_OUT_KEYWORDS.has(word))) return true;
  if (WHOLE_MESSAGE_REVOCATIONS.some((pattern) => pattern.test(folded))) return true;
  if (NOT_A_REVOCATION.some((pattern) => pattern.test(folded))) return false;

  return REVOCATIONS.some((pattern) => pattern.test(folded));
}

/**
 * The reply to a keyword in the language of `t`: the opt-out or opt-in confirmation, or the
 * help answer with program name, help contact, message frequency, "Msg & data rates may
 * apply" and how to stop.
 */
export function keywordReply(keyword: SmsKeyword, t: TFunction, program: SmsProgram): string {
  const key = { opt_out: 'sms:optedOut', opt_in: 'sms:optedIn', help: 'sms:help' }[keyword];
  return t(key, { program: program.program, contact: program.contact });
}
