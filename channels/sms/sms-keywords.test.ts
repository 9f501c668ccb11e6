/**
 * Subscription keywords and plain revocations in English and Spanish, the ordinary messages
 * that merely contain those words, and the replies, which must stay short.
 */
import { describe, expect, it } from '@jest/globals';
import { createI18n } from '../../src/i18n/i18n.js';
import { classifySmsKeyword, foldReply, keywordReply, type SmsKeyword } from './sms-keywords.js';
import { countSegments, normalizeForGsm } from './sms-segments.js';

const i18n = createI18n();

const subscribed = { optedOut: false };
const optedOut = { optedOut: true };

/** Each message with what it classifies as, for a person who is subscribed. */
const classifyAll = (messages: readonly string[], context = subscribed) =>
  messages.map((message) => [message, classifySmsKeyword(message, context)]);

const expectAll = (messages: readonly string[], expected: SmsKeyword | undefined) =>
  expect(classifyAll(messages)).toEqual(messages.map((message) => [message, expected]));

describe('classifySmsKeyword: opting out', () => {
  it('opts out on the carrier keywords, whatever their case, spacing or punctuation', () => {
    expectAll(
      [
        'STOP',
        'stop',
        ' Stop. ',
        'STOP!!!',
        'STOPALL',
        'Stop all',
        'UNSUBSCRIBE',
        'Cancel',
        'END',
        'quit',
        'REVOKE',
        'OPTOUT',
        'opt-out',
        'stop stop stop',
        'STOP 🛑',
      ],
      'opt_out',
    );
  });

  it('opts out on the Spanish keywords', () => {
    expectAll(['PARAR', 'Alto', 'BAJA', 'Cancelar', '¡Para, por favor!'], 'opt_out');
  });

  it('opts out on plain English revocations', () => {
    expectAll(
      [
        'Stop texting me',
        'please stop texting me!!',
        'Please stop sending me messages.',
        'please stop',
        'Stop please',
        'Unsubscribe me',
        'How do I unsubscribe?',
        'Don’t text me anymore',
        "don't message me",
        'No more messages',
        'no more texts please',
        'I don’t want these texts anymore',
        'I do not want to receive any more messages',
        'Take me off your list',
        'Remove me from this list',
        'opt me out',
        'I want to opt out',
        'Why won’t you stop texting me',
        'Hi. Stop sending texts please. Thanks',
      ],
      'opt_out',
    );
  });

  it('opts out on plain Spanish revocations', () => {
    expectAll(
      [
        'no más mensajes',
        'No mas mensajes por favor',
        'No me envíes más mensajes',
        'no me escribas más',
        'Deja de escribirme',
        'Dejen de enviarme mensajes, gracias',
        'Ya no quiero mensajes',
        'No quiero recibir más mensajes',
        'No quiero que me manden más textos',
        'Quiero darme de baja',
        'dame de baja',
        'Denme de baja de los mensajes, por favor',
        'Cancelar suscripción',
        'Sácame de la lista',
        'Basta de mensajes',
      ],
      'opt_out',
    );
  });

  it('leaves ordinary messages that contain those words alone', () => {
    expectAll(
      [
        'I had to stop taking my pills',
        'The nausea won’t stop',
        'End of cycle 3 today',
        'Can I cancel my appointment?',
        'I quit smoking last year',
        'When should I stop chemo?',
        'Stop by the pharmacy tomorrow',
        'Please stop the pain',
        'I want to end my treatment',
        'No more chemo!',
        'Please don’t stop texting me, it helps',
        'I don’t want to stop getting messages',
        'Can you stop reminding me at 8pm?',
        'Don’t text me after 9pm',
        'Can I opt out of the support group?',
        'Unstoppable',
        'Tuve que dejar de tomar las pastillas',
        'Las náuseas no paran',
        'Quiero cancelar mi cita',
        'No quiero más quimio',
        'Es de alto riesgo',
        'El médico me va a dar de baja del trabajo',
        'No dejes de escribirme, por favor',
        'No me escribas por la noche',
        'Para el dolor tomo paracetamol',
      ],
      undefined,
    );
  });
});

describe('classifySmsKeyword: opting in and help', () => {
  it('opts in on START and UNSTOP', () => {
    expectAll(['START', 'start!', 'Unstop'], 'opt_in');
    expect(classifySmsKeyword('START', optedOut)).toBe('opt_in');
  });

  it('takes YES or SÍ as opting in only from a person who is opted out', () => {
    expect(classifyAll(['YES', 'yes', 'Sí', 'si'], optedOut)).toEqual([
      ['YES', 'opt_in'],
      ['yes', 'opt_in'],
      ['Sí', 'opt_in'],
      ['si', 'opt_in'],
    ]);
    expectAll(['YES', 'Sí', 'yes please'], undefined);
  });

  it('answers HELP, INFO and AYUDA, opted out or not', () => {
    expectAll(['HELP', 'help?', 'Info', 'AYUDA', '¡Ayuda!', 'información'], 'help');
    expect(classifySmsKeyword('HELP', optedOut)).toBe('help');
  });

  it('leaves messages that only mention those words to the dialogs', () => {
    expectAll(
      ['help me with my meds', 'Start time for chemo is 9', 'yes I took it', ''],
      undefined,
    );
  });

  it('lets opting out win when both appear', () => {
    expect(classifySmsKeyword('stop stop', optedOut)).toBe('opt_out');
    expect(classifySmsKeyword('Stop texting me, help', subscribed)).toBe('opt_out');
  });
});

describe('foldReply', () => {
  it('drops accents, case, apostrophes and punctuation', () => {
    expect(foldReply('  ¡No MÁS mensajes!  ')).toBe('no mas mensajes');
    expect(foldReply('Don’t  text—me…')).toBe('dont text me');
    expect(foldReply('1️⃣')).toBe('1');
  });
});

describe('keywordReply', () => {
  const program = { program: 'CareLine', contact: 'help@careline.example.org' };
  const replies = (language: 'en' | 'es') => {
    const t = i18n.getFixedT(language);
    const keywords: SmsKeyword[] = ['opt_out', 'opt_in', 'help'];
    return Object.fromEntries(keywords.map((k) => [k, keywordReply(k, t, program)]));
  };

  it.each(['en', 'es'] as const)('fits every reply in 2 segments in %s', (language) => {
    for (const [keyword, reply] of Object.entries(replies(language))) {
      const { segments } = countSegments(normalizeForGsm(reply));
      expect({ keyword, segments: segments <= 2 }).toEqual({ keyword, segments: true });
    }
  });

  it('names the program, contact, frequency, rates and how to stop in HELP', () => {
    const { help: english } = replies('en');
    expect(english).toContain('CareLine');
    expect(english).toContain('help@careline.example.org');
    expect(english).toContain('Message frequency varies');
    expect(english).toContain('Msg & data rates may apply');
    expect(english).toContain('Reply STOP to stop');

    const { help: spanish } = replies('es');
    expect(spanish).toContain('CareLine');
    expect(spanish).toContain('help@careline.example.org');
    expect(spanish).toMatch(/STOP o PARAR/);
  });

  it('tells a person who opted out how to come back, with a keyword the carrier knows', () => {
    expect(replies('en').opt_out).toMatch(/CareLine.*Reply START/);
    expect(replies('es').opt_out).toMatch(/CareLine.*responde START/);
    for (const language of ['en', 'es'] as const) {
      expect(replies(language).opt_in).toMatch(/STOP/);
    }
  });
});
