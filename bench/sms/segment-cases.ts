/**
 * The texts bench/sms sends to check segment counts: GSM-7 and UCS-2 at and around each
 * segment boundary, GSM-7 extension characters (two septets each), an escape and a surrogate
 * pair that would straddle a segment boundary, Spanish with and without letters outside the
 * GSM alphabet, emoji, CJK, and typographic characters CareLine's renderer replaces.
 *
 * Each case carries its expected encoding and the segments of each message it becomes,
 * worked out by hand from the rules (GSM-7: 160 septets, else 153 per segment; UCS-2: 70
 * code units, else 67; an escape or surrogate pair never split), so that a mistake shared by
 * both counters would still show.
 */
import type { AirEncoding } from './independent-segment-count.js';

export interface SegmentCase {
  name: string;
  /** What is queued in the outbox; the renderer may replace characters before sending. */
  text: string;
  /** Encoding of what is sent (after the renderer's replacements). */
  encoding: AirEncoding;
  /** Segments of each text message the case is sent as, in order. */
  segments: number[];
}

const GSM_FILLER = 'Please remember to check in with your care team today. ';
const CJK_FILLER = '今日の調子はいかがですか私たちはいつでもここにいます';

/** A GSM-7 text of exactly `length` characters, ending in a full stop (nothing to trim). */
function gsmText(length: number): string {
  return GSM_FILLER.repeat(Math.ceil(length / GSM_FILLER.length)).slice(0, length - 1) + '.';
}

/** A CJK text of exactly `length` characters (each one UTF-16 code unit, no spaces). */
function cjkText(length: number): string {
  return CJK_FILLER.repeat(Math.ceil(length / CJK_FILLER.length)).slice(0, length);
}

export const SEGMENT_CASES: readonly SegmentCase[] = [
  {
    name: 'GSM-7 short',
    text: 'Your appointment is on Tuesday at 10:30. Reply 1 to confirm or 2 to change it.',
    encoding: 'GSM-7',
    segments: [1],
  },
  { name: 'GSM-7, 160 characters', text: gsmText(160), encoding: 'GSM-7', segments: [1] },
  { name: 'GSM-7, 161 characters', text: gsmText(161), encoding: 'GSM-7', segments: [2] },
  { name: 'GSM-7, 306 characters', text: gsmText(306), encoding: 'GSM-7', segments: [2] },
  { name: 'GSM-7, 307 characters', text: gsmText(307), encoding: 'GSM-7', segments: [3] },
  {
    name: 'GSM-7 extension characters',
    text: 'Copay €20 [card] or {cash}; ask at the desk ~ ^ | \\ thanks.',
    encoding: 'GSM-7',
    segments: [1],
  },
  // 149 + 1 + 5 × 2 = 160 septets, 155 characters.
  {
    name: 'GSM-7, 5 € making 160 septets',
    text: `${gsmText(149)} €€€€€`,
    encoding: 'GSM-7',
    segments: [1],
  },
  // 150 + 1 + 5 × 2 = 161 septets, 156 characters.
  {
    name: 'GSM-7, 5 € making 161 septets',
    text: `${gsmText(150)} €€€€€`,
    encoding: 'GSM-7',
    segments: [2],
  },
  // 152 + 2 + 152 = 306 septets: two segments by division, but the € cannot follow 152
  // septets in a 153-septet segment, so it starts the second and one character spills over.
  {
    name: 'GSM-7, € straddling a segment boundary',
    text: `${gsmText(152)}€${gsmText(152)}`,
    encoding: 'GSM-7',
    segments: [3],
  },
  {
    name: 'Spanish in GSM-7 (ñ ¿ ¡ é)',
    text: '¿Mañana a las 10? ¡Qué bien! Señora Muñoz, la esperamos en la entrada.',
    encoding: 'GSM-7',
    segments: [1],
  },
  // 68 code units.
  {
    name: 'Spanish with á í ó ú (UCS-2)',
    text: '¿Cómo está hoy? ¡Ánimo! Su revisión es el día 9 en el área de salud.',
    encoding: 'UCS-2',
    segments: [1],
  },
  // 114 code units.
  {
    name: 'Spanish with á í ó ú, two segments',
    text:
      'Recuerde: mañana por la mañana tiene su cita de revisión. Si no puede venir, ' +
      'respóndanos aquí y buscamos otro día.',
    encoding: 'UCS-2',
    segments: [2],
  },
  { name: 'Emoji', text: 'Great job today 💪', encoding: 'UCS-2', segments: [1] },
  { name: 'Emoji, 70 code units', text: '🎉'.repeat(35), encoding: 'UCS-2', segments: [1] },
  { name: 'Emoji, 72 code units', text: '🎉'.repeat(36), encoding: 'UCS-2', segments: [2] },
  // 66 + 2 + 66 = 134 code units: two segments by division, but the pair cannot follow 66
  // units in a 67-unit segment, so it starts the second and one character spills over.
  {
    name: 'Emoji straddling a segment boundary',
    text: `${cjkText(66)}😀${cjkText(66)}`,
    encoding: 'UCS-2',
    segments: [3],
  },
  { name: 'CJK, 70 characters', text: cjkText(70), encoding: 'UCS-2', segments: [1] },
  { name: 'CJK, 71 characters', text: cjkText(71), encoding: 'UCS-2', segments: [2] },
  { name: 'CJK, 134 characters', text: cjkText(134), encoding: 'UCS-2', segments: [2] },
  { name: 'CJK, 135 characters', text: cjkText(135), encoding: 'UCS-2', segments: [3] },
  // Beyond 3 segments (201 code units) the renderer sends two messages: 201 and 49 units.
  {
    name: 'CJK, 250 characters (two messages)',
    text: cjkText(250),
    encoding: 'UCS-2',
    segments: [3, 1],
  },
  {
    name: 'Curly quotes, dashes, ellipsis (replaced)',
    text: '“Take it easy” – you’re doing well — see you soon…',
    encoding: 'GSM-7',
    segments: [1],
  },
  // After replacement: 1 + 153 + 6 = 160 GSM-7 characters; left alone it would be three
  // UCS-2 segments.
  {
    name: 'Curly quotes making 160 once replaced',
    text: `“${gsmText(153)}” – ok`,
    encoding: 'GSM-7',
    segments: [1],
  },
  { name: 'Degree sign (UCS-2)', text: 'Keep it below 25°C.', encoding: 'UCS-2', segments: [1] },
];
