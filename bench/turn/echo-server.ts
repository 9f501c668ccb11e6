/**
 * The baseline: a bare botbuilder echo turn (ConversationState on MemoryStorage) through the
 * same adapter, turn processor, Direct Line channel and outbox as CareLine, with none of
 * the pipeline (identity, locale, safety, takeover) and no dialogs.
 */
import { ConversationState, MemoryStorage, type TurnContext } from 'botbuilder';
import { createCareLineServer } from '../../src/careline-server.js';
import { createI18n } from '../../src/i18n/i18n.js';
import { createLogger } from '../../src/logging/logger.js';
import { openDatabase } from '../../src/storage/database.js';
import { migrate } from '../../src/storage/migrator.js';

/** The benchmark sends far faster than a person: rate limits are measured, never met. */
const UNLIMITED = 1_000_000;

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
  const careline = createCareLineServer({
    db,
    logger: createLogger('silent'),
    bot: { logic: createEchoLogic(), personOfTurn: () => null },
    webchat: {
      secret,
      tokenTtlSeconds: 3600,
      i18n: createI18n(),
      newSessionsPerHour: UNLIMITED,
      messagesPerMinute: UNLIMITED,
    },
  });
  const url = await careline.listen(0, '127.0.0.1');
  return {
    url,
    async stop() {
      await careline.close(10_000);
      await db.destroy();
    },
  };
}
