/** The per-chat hold: updates that arrive out of order within the window run in order. */
import { describe, expect, it } from '@jest/globals';
import { ChatHold } from './chat-hold.js';

function recordingHold(holdMs: number, maxHoldMs?: number) {
  const released: [string, number[]][] = [];
  const hold = new ChatHold<number>({
    holdMs,
    maxHoldMs,
    release: async (chatId, items) => void released.push([chatId, items]),
  });
  return { hold, released };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('ChatHold', () => {
  it('releases a chat’s updates in update_id order, chats separately', async () => {
    const { hold, released } = recordingHold(30);
    hold.add('a', 12, 12);
    hold.add('b', 13, 13);
    await sleep(10);
    hold.add('a', 11, 11);

    expect(released).toEqual([]);
    await sleep(80);
    expect(released).toEqual(
      expect.arrayContaining([
        ['a', [11, 12]],
        ['b', [13]],
      ]),
    );
  });

  it('releases after at most maxHoldMs even while updates keep coming', async () => {
    const { hold, released } = recordingHold(40, 80);
    for (let i = 0; i < 6; i++) {
      hold.add('a', i, i);
      await sleep(20);
    }
    expect(released.length).toBeGreaterThan(0);
    await hold.flush();
    expect(released.flatMap(([, items]) => items)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('flush releases everything at once', async () => {
    const { hold, released } = recordingHold(10_000);
    hold.add('a', 2, 2);
    hold.add('a', 1, 1);
    await hold.flush();
    expect(released).toEqual([['a', [1, 2]]]);
  });
});
