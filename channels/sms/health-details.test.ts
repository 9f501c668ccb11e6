import { hideHealthTerms } from './health-details.js';

const hidden = (text: string, terms: string[]) =>
  hideHealthTerms(text, { detailsAllowed: false, terms }, 'your medicine');

describe('hideHealthTerms', () => {
  it("hides the person's medicine names whole, in any case", () => {
    expect(hidden('Time for TAMOXIFEN 20 mg.', ['Tamoxifen'])).toBe(
      'Time for your medicine 20 mg.',
    );
  });

  it('matches without accents and keeps the rest of the text as it was', () => {
    expect(hidden('Hora de tomar ondansetrón, ¿sí?', ['ondansetron'])).toBe(
      'Hora de tomar your medicine, ¿sí?',
    );
  });

  it('hides the longer phrase first and never part of a word', () => {
    expect(hidden('About breast cancer and breastfeeding', ['breast', 'breast cancer'])).toBe(
      'About your medicine and breastfeeding',
    );
  });

  it('leaves the text alone when the person asked for details', () => {
    const text = 'Time for tamoxifen.';
    expect(hideHealthTerms(text, { detailsAllowed: true, terms: ['tamoxifen'] }, 'x')).toBe(text);
  });
});
