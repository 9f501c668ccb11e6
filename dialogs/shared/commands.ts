/**
 * Words and buttons that work at any point of a conversation, whatever question is open:
 * help, the main menu, a person from the support team, deleting one's data, and a link
 * code typed to link this app to a profile. Also the word that reopens the privacy notice
 * after someone declined it.
 */
import { cleanFreeText, matchPhrase } from './text.js';

/** Something the person asked for that interrupts whatever question is open. */
export type Command =
  | 'help'
  | 'menu'
  | 'human'
  | 'delete'
  | 'profile'
  | 'language'
  | 'link'
  | 'medications'
  | 'addMedication'
  | 'adherence'
  | 'careCircle';

// Phrases are stored normalised (see normalizeAnswer): lowercase, no accents.
const COMMAND_PHRASES: Record<Command, readonly string[]> = {
  help: ['help', 'ayuda', 'menu:help', 'help me', 'ayudame', 'what can you do', 'que puedes hacer'],
  menu: ['menu', 'main menu', 'menu principal', 'menu:show', 'options', 'opciones', '/menu'],
  human: [
    'human',
    'humano',
    'persona',
    'a person',
    'una persona',
    'real person',
    'persona real',
    'talk to a person',
    'talk to a human',
    'speak to a person',
    'speak to a human',
    'hablar con una persona',
    'hablar con un humano',
    'hablar con alguien',
    'agent',
    'agente',
    'menu:human',
  ],
  delete: [
    'delete my data',
    'delete all my data',
    'delete my account',
    'erase my data',
    'borrar mis datos',
    'borra mis datos',
    'eliminar mis datos',
    'elimina mis datos',
    'borrar todos mis datos',
    'menu:delete',
  ],
  // Only the menu's buttons: typed "profile" is an answer while a question is open.
  profile: ['menu:profile'],
  language: ['menu:language'],
  link: ['menu:link'],
  medications: ['menu:medications'],
  addMedication: ['menu:add-medication'],
  adherence: ['menu:adherence'],
  careCircle: ['menu:carecircle'],
};

// "/start K7QM4XPD" (Telegram's deep link, also "/start@SomeBot ..."), "link ..." or
// "vincular ...", then 4-16 letters or digits, in at most two groups ("K7QM-4XPD").
const LINK_CODE_REQUEST = /^(?:\/start(?:@\w+)?|link|vincular)\s+([a-z0-9]+(?:[ -][a-z0-9]+)?)$/i;
const LINK_CODE_CHARACTERS = /^[a-z0-9]{4,16}$/i;

const START_PHRASES = {
  start: ['start', '/start', 'empezar', 'comenzar', 'privacy', 'privacidad', 'privacy:review'],
} as const;

/** Returns the command `text` asks for, or undefined when it is an ordinary message. */
export function recognizeCommand(text: string): Command | undefined {
  return matchPhrase(text, COMMAND_PHRASES);
}

/**
 * The code in a request to link this app ("/start K7QM4XPD", "link k7qm-4xpd",
 * "vincular K7QM 4XPD"), as typed without spaces or hyphens; undefined for anything else.
 */
export function recognizeLinkCode(text: string): string | undefined {
  const typed = LINK_CODE_REQUEST.exec(cleanFreeText(text))?.[1];
  const code = typed?.replace(/[\s-]+/g, '');
  return code && LINK_CODE_CHARACTERS.test(code) ? code : undefined;
}

/** True when `text` asks to (re)start: "start", "privacy", "empezar" or the review button. */
export function isStartRequest(text: string): boolean {
  return matchPhrase(text, START_PHRASES) === 'start';
}

/** The value of the button that reopens the privacy notice. */
export const REVIEW_NOTICE_VALUE = 'privacy:review';
