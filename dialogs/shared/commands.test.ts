/**
 * Commands are recognised however they are typed (case, accents, punctuation) or pressed,
 * and ordinary messages are not mistaken for them.
 */
import { describe, expect, it } from '@jest/globals';
import { isStartRequest, recognizeCommand, recognizeLinkCode } from './commands.js';
import { normalizeAnswer } from './text.js';

describe('recognizeCommand', () => {
  it.each([
    ['help', 'help'],
    ['  AYUDA!! ', 'help'],
    ['menu:help', 'help'],
    ['Menú', 'menu'],
    ['¿menú?', 'menu'],
    ['Talk to a person.', 'human'],
    ['hablar con una persona', 'human'],
    ['Humano', 'human'],
    ['Delete my data', 'delete'],
    ['Borrar mis datos.', 'delete'],
    ['menu:profile', 'profile'],
    ['menu:language', 'language'],
    ['menu:link', 'link'],
    ['menu:medications', 'medications'],
    ['menu:add-medication', 'addMedication'],
    ['menu:adherence', 'adherence'],
  ])('reads %j as %s', (text, command) => {
    expect(recognizeCommand(text)).toBe(command);
  });

  it.each(['I need some help with my meds', 'profile', 'hello', '', 'delete', 'my medications'])(
    'leaves %j alone',
    (text) => {
      expect(recognizeCommand(text)).toBeUndefined();
    },
  );
});

describe('recognizeLinkCode', () => {
  it.each([
    ['/start K7QM4XPD', 'K7QM4XPD'],
    ['/start@CareLineBot K7QM4XPD', 'K7QM4XPD'],
    ['link k7qm-4xpd', 'k7qm4xpd'],
    ['  LINK  K7QM 4XPD ', 'K7QM4XPD'],
    ['Vincular K7QM4XPD', 'K7QM4XPD'],
    ['link 123456', '123456'],
  ])('reads %j as the code %j', (text, code) => {
    expect(recognizeLinkCode(text)).toBe(code);
  });

  it.each(['/start', 'link', 'link my account please', 'link abc', 'linked K7QM4XPD', 'hello'])(
    'leaves %j alone',
    (text) => {
      expect(recognizeLinkCode(text)).toBeUndefined();
    },
  );
});

describe('isStartRequest', () => {
  it('accepts start, privacy, empezar and the review button', () => {
    expect(['Start', 'privacy', 'Empezar.', 'privacy:review', '/start'].every(isStartRequest)).toBe(
      true,
    );
    expect(isStartRequest('restart everything')).toBe(false);
  });
});

describe('normalizeAnswer', () => {
  it('drops case, accents, invisible characters and surrounding punctuation', () => {
    expect(normalizeAnswer('  ¡Sí, ACEPTO!  ')).toBe('si, acepto');
    expect(normalizeAnswer('Espa\u200Bñol…')).toBe('espanol');
  });
});
