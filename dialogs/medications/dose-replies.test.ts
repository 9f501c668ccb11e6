/**
 * Which words are replies to a dose reminder: the reminder's buttons and a late "took it" in
 * English or Spanish, and ordinary messages that are not.
 */
import { describe, expect, it } from '@jest/globals';
import { recognizeDoseReply } from './dose-replies.js';

describe('recognizeDoseReply', () => {
  it.each([
    ['dose:taken:42', { kind: 'taken', doseId: '42' }],
    ['dose:snooze:7', { kind: 'snooze', doseId: '7' }],
    ['dose:skip:123456', { kind: 'skip', doseId: '123456' }],
  ])('reads the button %j', (text, reply) => {
    expect(recognizeDoseReply(text)).toEqual(reply);
  });

  it.each([
    'took it',
    'Took it!',
    'I took it',
    'I took my pill',
    'I just took my meds',
    'i already took my medication',
    'Taken',
    'Ya la tomé',
    'ya lo tomé',
    'Lo tomé.',
    'me la tomé',
    'ya tomé mi pastilla',
    'tomada',
  ])('reads %j as a late reply', (text) => {
    expect(recognizeDoseReply(text)).toEqual({ kind: 'late' });
  });

  it.each(['dose:taken:abc', 'dose:eat:1', 'I took a walk', 'tomorrow', 'tomé café', 'hello'])(
    'leaves %j alone',
    (text) => {
      expect(recognizeDoseReply(text)).toBeUndefined();
    },
  );
});
