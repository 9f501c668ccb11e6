/**
 * `npm start`: loads configuration, starts CareLine, prints where to chat, and shuts down
 * gracefully on SIGTERM or SIGINT.
 */
import { ConfigError, loadConfig } from './config/config.js';
import { startCareLine } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  // Handled from the first moment, before start-up writes its first log line (a supervisor
  // may signal as soon as it reads it): a signal during start-up waits for it to finish and
  // then stops gracefully, so the embedded PostgreSQL is never left running on its own.
  let stopping = false;
  const shutdown = (signal: NodeJS.Signals) => {
    // A second signal while stopping changes nothing: the first is already being handled.
    if (stopping) return;
    stopping = true;
    void starting.then(
      async (app) => {
        app.logger.info({ signal }, 'shutting down');
        try {
          await app.stop();
          process.exit(0);
        } catch (error) {
          app.logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        }
      },
      () => undefined,
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  const starting = startCareLine(config);

  const app = await starting;
  // A signal came during start-up: CareLine is stopping, not running.
  if (stopping) return;
  // Whoever waits for this line (a supervisor, a test) may signal at once: it comes last.
  const publicUrl = config.PUBLIC_URL ?? app.url;
  app.logger.info({ url: publicUrl }, 'CareLine is running');
  process.stdout.write(`\nCareLine is running. Open ${publicUrl} to chat.\n\n`);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error('CareLine could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
