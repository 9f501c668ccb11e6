/**
 * Suggested actions, the one way a dialog offers buttons. Each button sends back a stable
 * value such as `role:patient`; its title is the localized label. Channels render them
 * their own way (buttons, keyboards, numbered options), so dialogs never know which.
 */
import { ActionTypes, MessageFactory, type Activity, type CardAction } from 'botbuilder';

/** One button: what it says and what it sends back. */
export interface Button {
  /** Stable id sent back when pressed, for example `menu:help`. */
  value: string;
  /** Localized label the person sees. */
  title: string;
}

/** Returns a message with `text` and `buttons` as imBack suggested actions. */
export function withButtons(text: string, buttons: readonly Button[]): Partial<Activity> {
  const actions: CardAction[] = buttons.map(({ title, value }) => ({
    type: ActionTypes.ImBack,
    title,
    value,
  }));
  return MessageFactory.suggestedActions(actions, text);
}

/** Joins paragraphs into one message, skipping empty ones. */
export function joinParagraphs(...paragraphs: (string | undefined)[]): string {
  return paragraphs.filter((paragraph) => paragraph && paragraph.trim() !== '').join('\n\n');
}
