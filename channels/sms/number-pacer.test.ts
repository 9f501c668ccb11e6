import { NumberPacer } from './number-pacer.js';

const NUMBERS = ['+15550000001', '+15550000002', '+15550000003'];

function pacerWithFakeClock(segmentsPerSecond = 1) {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new NumberPacer({
    numbers: NUMBERS,
    segmentsPerSecond,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  });
  return { pacer, slept, advance: (ms: number) => (now += ms) };
}

describe('NumberPacer', () => {
  it('always texts the same person from the same number, and spreads people over numbers', () => {
    const { pacer } = pacerWithFakeClock();
    const recipients = Array.from({ length: 300 }, (_, i) => `+1555${String(i).padStart(7, '0')}`);
    for (const recipient of recipients) {
      expect(pacer.numberFor(recipient)).toBe(pacer.numberFor(recipient));
    }
    const used = new Set(recipients.map((recipient) => pacer.numberFor(recipient)));
    expect(used).toEqual(new Set(NUMBERS));
  });

  it('makes messages on one number wait one second per segment before them', async () => {
    const { pacer, slept } = pacerWithFakeClock(1);
    await pacer.book(NUMBERS[0]!, 2);
    await pacer.book(NUMBERS[0]!, 1);
    await pacer.book(NUMBERS[0]!, 1);
    expect(slept).toEqual([2000, 1000]);
  });

  it('does not make one number wait for another', async () => {
    const { pacer, slept } = pacerWithFakeClock(1);
    await pacer.book(NUMBERS[0]!, 3);
    await pacer.book(NUMBERS[1]!, 1);
    expect(slept).toEqual([]);
    expect(pacer.waitFor(NUMBERS[0]!)).toBe(3000);
  });

  it('follows the configured rate', async () => {
    const { pacer, slept } = pacerWithFakeClock(4);
    await pacer.book(NUMBERS[0]!, 1);
    await pacer.book(NUMBERS[0]!, 1);
    expect(slept).toEqual([250]);
  });

  it('gives an unused booking back', async () => {
    const { pacer, advance } = pacerWithFakeClock(1);
    await pacer.book(NUMBERS[0]!, 3);
    pacer.release(NUMBERS[0]!, 3);
    expect(pacer.waitFor(NUMBERS[0]!)).toBe(0);
    advance(10);
    expect(pacer.waitFor(NUMBERS[0]!)).toBe(0);
  });
});
