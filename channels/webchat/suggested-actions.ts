/**
 * How web chat renders the dialogs' buttons. Dialogs offer imBack buttons whose value is a
 * stable id such as `role:patient`; Web Chat would show that id in the person's own bubble
 * when pressed. As messageBack buttons they send the same text to the bot but show the
 * button's title ("Patient") in the transcript.
 */

/** The activity with its imBack suggested actions turned into messageBack ones. */
export function withMessageBackButtons(activity: Record<string, unknown>): Record<string, unknown> {
  const suggested = activity.suggestedActions as { actions?: unknown } | undefined;
  if (!suggested || !Array.isArray(suggested.actions)) return activity;

  return {
    ...activity,
    suggestedActions: { ...suggested, actions: suggested.actions.map(toMessageBack) },
  };
}

function toMessageBack(action: unknown): unknown {
  const { type, title, value } = (action ?? {}) as Record<string, unknown>;
  if (type !== 'imBack' || typeof value !== 'string') return action;

  const label = typeof title === 'string' && title ? title : value;
  return { type: 'messageBack', title: label, text: value, displayText: label };
}
