/**
 * `npm start`: loads configuration, starts CareLine, prints where to chat, and shuts down
 * gracefully on SIGTERM or SIGINT.
 */
import { ConfigError, loadConfig } from './config/config.js';
import { startCareLine } from './app.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await startCareLine(config);
  const publicUrl = config.PUBLIC_URL ?? app.url;
  app.logger.info({ url: publicUrl }, 'CareLine is running');
  process.stdout.write(`\nCareLine is running. Open ${publicUrl} to chat.\n\n`);

  const shutdown = (signal: NodeJS.Signals) => {
    app.logger.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(78);
  }
  console.error('CareLine could not start:', error instanceof Error ? error.message : error);
  process.exit(1);
});
