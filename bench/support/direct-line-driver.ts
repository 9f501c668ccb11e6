/**
 * A minimal Direct Line 3.0 client for benchmarks: starts a conversation with the secret,
 * listens on its WebSocket stream, and times a message until the bot's reply to it arrives.
 */
import { WebSocket } from 'ws';

export interface BenchConversation {
  userId: string;
  /** Sends `text`; resolves with milliseconds until the first reply to it arrived. */
  turn(text: string): Promise<number>;
  close(): void;
}

interface StreamedActivity {
  id?: string;
  replyToId?: string;
  from?: { id?: string };
}

/** Opens a conversation for `userId` on the Direct Line API at `baseUrl`. */
export async function openConversation(
  baseUrl: string,
  secret: string,
  userId: string,
): Promise<BenchConversation> {
  const api = new URL('/v3/directline/', baseUrl);
  const generated = await postJson(new URL('tokens/generate', api), secret, {
    user: { id: userId },
  });
  const started = await postJson(new URL('conversations', api), generated.token as string, {});
  const conversationId = started.conversationId as string;
  const token = started.token as string;

  const waiting = new Map<string, (at: number) => void>();
  const early = new Map<string, number>();
  const socket = new WebSocket(started.streamUrl as string);
  socket.on('message', (data) => {
    const text = data.toString();
    if (!text.trim()) return;
    for (const activity of (JSON.parse(text).activities ?? []) as StreamedActivity[]) {
      if (activity.from?.id === userId || !activity.replyToId) continue;
      const resolve = waiting.get(activity.replyToId);
      if (resolve) resolve(performance.now());
      else if (!early.has(activity.replyToId)) early.set(activity.replyToId, performance.now());
      waiting.delete(activity.replyToId);
    }
  });
  await new Promise<void>((resolve, reject) => socket.once('open', resolve).once('error', reject));

  return {
    userId,
    async turn(text) {
      const startedAt = performance.now();
      const posted = await postJson(
        new URL(`conversations/${conversationId}/activities`, api),
        token,
        { type: 'message', text, from: { id: userId } },
      );
      const id = posted.id as string;
      const arrivedAt =
        early.get(id) ?? (await new Promise<number>((resolve) => waiting.set(id, resolve)));
      early.delete(id);
      return arrivedAt - startedAt;
    },
    close: () => socket.close(),
  };
}

async function postJson(url: URL, bearer: string, body: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${url.pathname} answered ${response.status}`);
  return (await response.json()) as Record<string, unknown>;
}
