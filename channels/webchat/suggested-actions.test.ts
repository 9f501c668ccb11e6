/**
 * Web chat's rendering of the dialogs' buttons.
 */
import { describe, expect, it } from '@jest/globals';
import { withMessageBackButtons } from './suggested-actions.js';

describe('withMessageBackButtons', () => {
  it('turns imBack buttons into messageBack ones that show their title when pressed', () => {
    const activity = {
      type: 'message',
      text: 'Are you living with cancer?',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'imBack', title: 'Patient', value: 'role:patient' },
          { type: 'openUrl', title: 'More', value: 'https://example.org' },
          { type: 'imBack', value: 'skip' },
        ],
      },
    };

    expect(withMessageBackButtons(activity)).toEqual({
      type: 'message',
      text: 'Are you living with cancer?',
      suggestedActions: {
        to: [],
        actions: [
          { type: 'messageBack', title: 'Patient', text: 'role:patient', displayText: 'Patient' },
          { type: 'openUrl', title: 'More', value: 'https://example.org' },
          { type: 'messageBack', title: 'skip', text: 'skip', displayText: 'skip' },
        ],
      },
    });
  });

  it('leaves an activity without buttons as it is', () => {
    const activity = { type: 'message', text: 'hi' };
    expect(withMessageBackButtons(activity)).toBe(activity);
  });
});
