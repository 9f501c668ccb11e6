/**
 * The baseline: a bare botbuilder echo turn (ConversationState on MemoryStorage) through the
 * same adapter, turn processor, Direct Line channel and outbox as CareLine, with none of
 * the pipeline (identity, locale, safety, takeover) and no dialogs.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import express from 'express';
import { createWebchatChannel } from '../../channels/webchat/webchat-channel.js';
import { CareLineAdapter } from '../../src/bot/careline-adapter.js';
import { errorHandler } from '../../src/http/http-errors.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import { OutboxDispatcher } from '../../src/outbox/outbox-dispatcher.js';
import { OutboxSignal } from '../../src/outbox/outbox-signal.js';
import { openDatabase } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';
import { TurnProcessor } from '../../src/turns/turn-processor.js';

export interface EchoServer {
  url: string;
  stop(): Promise<void>;
}

function createEchoLogic() {
  const state = new ConversationState(new MemoryStorage());
  const turns = state.createProperty<number>('turns');
  return async function echoTurn(context: TurnContext): Promise<void> {
    if (context.activity.type !== 'message') return;
    await turns.set(context, (await turns.get(context, 0)) + 1);
    await context.sendActivity(`echo: ${context.activity.text ?? ''}`);
    await state.saveChanges(context);
  };
}

export async function startEchoServer(databaseUrl: string, secret: string): Promise<EchoServer> {
  const db = openDatabase(databaseUrl);
  await migrate(db);
  const logger = createLogger('silent');
  const signal = new OutboxSignal();
  const processor = new TurnProcessor({
    db,
    adapter: new CareLineAdapter(),
    logic: createEchoLogic(),
    personOfTurn: () => null,
    signal,
    logger,
  });
  const webchat = createWebchatChannel({
    db,
    processor,
    secret,
    tokenTtlSeconds: 3600,
    logger,
    i18n: createI18n(),
  });
  const dispatcher = new OutboxDispatcher({ db, sender: webchat.sender, signal, logger });
  const app = express();
  app.use(webchat.router);
  app.use(errorHandler(logger));
  const server = http.createServer(app);
  webchat.attachWebSockets(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  dispatcher.start();
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async stop() {
      await webchat.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await processor.idle();
      await dispatcher.stop();
      await db.destroy();
    },
  };
}
