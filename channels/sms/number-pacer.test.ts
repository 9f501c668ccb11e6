import { NumberPacer } from './number-pacer.js';

const NUMBER = '+15550000001';
const OTHER = '+15550000002';

function pacerWithFakeClock(segmentsPerSecond = 1) {
  let now = 1_000_000;
  const slept: number[] = [];
  const pacer = new NumberPacer({
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
  it('makes messages on one number wait one second per segment before them', async () => {
    const { pacer, slept } = pacerWithFakeClock(1);
    await Promise.all([pacer.book(NUMBER, 2), pacer.book(NUMBER, 1), pacer.book(NUMBER, 1)]);
    expect(slept).toEqual([2000, 1000]);
  });

  it('does not make one number wait for another', async () => {
    const { pacer, slept } = pacerWithFakeClock(1);
    await pacer.book(NUMBER, 3);
    await pacer.book(OTHER, 1);
    expect(slept).toEqual([]);
    expect(pacer.waitFor(NUMBER)).toBe(3000);
  });

  it('follows the configured rate', async () => {
    const { pacer, slept } = pacerWithFakeClock(4);
    await pacer.book(NUMBER, 1);
    await pacer.book(NUMBER, 1);
    expect(slept).toEqual([250]);
  });

  it('spaces the next message from when the last one actually left', async () => {
    const { pacer, slept, advance } = pacerWithFakeClock(1);
    const first = await pacer.book(NUMBER, 1);
    advance(300); // the first message left late, as a slow event loop would make it
    const second = await pacer.book(NUMBER, 1);
    expect(second.start - first.start).toBeGreaterThanOrEqual(1000);
    expect(slept).toEqual([700]);
  });

  it('gives an unused booking back', async () => {
    const { pacer } = pacerWithFakeClock(1);
    const booking = await pacer.book(NUMBER, 3);
    pacer.release(booking);
    expect(pacer.waitFor(NUMBER)).toBe(0);
  });

  it('never gives back time once a later message has left', async () => {
    const { pacer, slept } = pacerWithFakeClock(1);
    const first = await pacer.book(NUMBER, 1);
    await pacer.book(NUMBER, 1);
    pacer.release(first);
    await pacer.book(NUMBER, 1);
    expect(slept).toEqual([1000, 1000]);
  });
});
