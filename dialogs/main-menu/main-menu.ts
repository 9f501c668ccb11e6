/**
 * The main menu, listing only what CareLine can do today, and the answers that need no
 * dialog of their own: help, a person from the support team, and "I didn't catch that".
 */
import type { TurnContext } from 'botbuilder';
import type { TurnScope } from '../../src/bot/turn-scope.js';
import { requestHuman } from '../../src/escalations/escalation-service.js';
import type { TFunction } from '../../src/i18n/i18n.js';
import type { Db } from '../../src/storage/database.js';
import { joinParagraphs, withButtons, type Button } from '../shared/buttons.js';
import { matchPhrase } from '../shared/text.js';

/** The menu's items, in order. Each button sends `menu:<item>`, a command (see commands.ts). */
const MENU_ITEMS = [
  'medications',
  'adherence',
  'careCircle',
  'profile',
  'language',
  'link',
  'human',
  'delete',
  'help',
] as const;

/** A menu item that opens a dialog (or shows a link code) rather than answering at once. */
export type MenuFlow =
  'profile' | 'language' | 'link' | 'medications' | 'addMedication' | 'adherence' | 'careCircle';

// Typed words for those items; they count only when no question is open, since "profile"
// or "language" could be someone's answer to a question.
const MENU_FLOW_PHRASES: Record<MenuFlow, readonly string[]> = {
  profile: ['profile', 'my profile', 'perfil', 'mi perfil', 'ver perfil'],
  careCircle: [
    'care circle',
    'my care circle',
    'caregivers',
    'my caregivers',
    'my patients',
    'circulo de cuidado',
    'mi circulo de cuidado',
    'cuidadores',
    'mis cuidadores',
    'mis pacientes',
  ],
  language: ['language', 'change language', 'idioma', 'cambiar idioma', 'cambiar de idioma'],
  link: [
    'link',
    'link another app',
    'link an app',
    'link app',
    'vincular',
    'vincular otra app',
    'vincular otra aplicacion',
    'vincular app',
  ],
  medications: [
    'medications',
    'my medications',
    'medication',
    'medicines',
    'my medicines',
    'my meds',
    'meds',
    'medicamentos',
    'mis medicamentos',
    'medicinas',
    'mis medicinas',
  ],
  addMedication: [
    'add medication',
    'add a medication',
    'add medicine',
    'add a medicine',
    'new medication',
    'add a new medication',
    'anadir medicamento',
    'anadir un medicamento',
    'agregar medicamento',
    'agregar un medicamento',
    'nuevo medicamento',
    'anadir medicina',
    'agregar medicina',
  ],
  adherence: [
    'how am i doing',
    'how am i doing with my medications',
    'how am i doing with my meds',
    'my progress',
    'adherence',
    'como voy',
    'como lo llevo',
    'como voy con mis medicamentos',
    'mi progreso',
  ],
};

/** The menu flow typed words ask for ("my profile", "idioma"), or undefined. */
export function recognizeMenuFlow(text: string): MenuFlow | undefined {
  return matchPhrase(text, MENU_FLOW_PHRASES);
}

/** Sends the main menu, after `lead` when given (one message, so buttons stay last). */
export async function showMainMenu(context: TurnContext, t: TFunction, lead?: string) {
  const buttons: Button[] = MENU_ITEMS.map((item) => ({
    value: `menu:${item}`,
    title: t(`menu:item.${item}`),
  }));
  await context.sendActivity(withButtons(joinParagraphs(lead, t('menu:prompt')), buttons));
}

/**
 * Says what CareLine can do now and how to reach a person: before onboarding is finished,
 * that means the setup questions rather than a menu the person cannot open yet.
 */
export async function sendHelp(context: TurnContext, t: TFunction, onboarded: boolean) {
  await context.sendActivity(t(onboarded ? 'menu:help' : 'menu:helpDuringSetup'));
}

/**
 * Puts the person in the support team's queue, once per open request, and tells them a
 * person will answer here and that staff are not an emergency service.
 */
export async function askForHuman(context: TurnContext, db: Db, scope: TurnScope) {
  const { person, conversation, t } = scope;
  const outcome = await requestHuman(db, person.id, conversation.id);
  const key = outcome === 'already_open' ? 'menu:human.alreadyRequested' : 'menu:human.requested';
  await context.sendActivity(joinParagraphs(t(key), t('menu:human.notEmergency')));
}
