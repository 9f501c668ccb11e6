/** The throttle waits rather than refuses: per chat, overall, and after a 429. */
import { describe, expect, it } from '@jest/globals';
import { SendThrottle } from './send-throttle.js';

async function timesOf(throttle: SendThrottle, chats: string[]): Promise<number[]> {
  const start = Date.now();
  return Promise.all(chats.map((chat) => throttle.run(chat, async () => Date.now() - start)));
}

describe('SendThrottle', () => {
  it('spaces sends to one chat by the per-chat rate, in call order', async () => {
    const throttle = new SendThrottle({ perChatPerSecond: 10, perSecond: 1000 });
    const order: number[] = [];
    const times = await Promise.all(
      [1, 2, 3].map((n) => throttle.run('a', async () => (order.push(n), Date.now()))),
    );

    expect(order).toEqual([1, 2, 3]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(95);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(95);
  });

  it('lets different chats go together up to the overall rate', async () => {
    const throttle = new SendThrottle({ perChatPerSecond: 1, perSecond: 20 });
    const times = await timesOf(throttle, ['a', 'b', 'c', 'd', 'e']);

    expect(times[4]!).toBeGreaterThanOrEqual(4 * 50);
    // At the per-chat rate (one a second) the fifth would wait four seconds.
    expect(times[4]!).toBeLessThan(4000);
  });

  it('holds a paused chat until its retry_after has passed, not other chats', async () => {
    const throttle = new SendThrottle({ perChatPerSecond: 100, perSecond: 1000 });
    throttle.pause('a', 300);

    expect(throttle.pausedFor('a')).toBeGreaterThan(250);
    expect(throttle.pausedFor('b')).toBe(0);
    const [a, b] = await timesOf(throttle, ['a', 'b']);
    expect(a!).toBeGreaterThanOrEqual(295);
    expect(b!).toBeLessThan(a!);
  });

  it('holds every chat after a 429 whose limit is not named', async () => {
    const throttle = new SendThrottle({ perChatPerSecond: 100, perSecond: 1000 });
    throttle.pauseAll(300);

    const times = await timesOf(throttle, ['x', 'y']);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(295);
  });
});
