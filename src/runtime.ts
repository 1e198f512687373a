import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrate } from './db/migrate.ts';
import type { AppDeps } from './server/context.ts';
import { systemTime, type TimeSource } from './shared/time.ts';

export function createLogger(config: Pick<Config, 'LOG_LEVEL'>): Logger {
  return pino({
    level: config.LOG_LEVEL,
    base: { app: 'onewindow' },
    // Defence in depth: whatever a caller passes, these fields never reach the log.
    redact: {
      paths: [
        'password',
        '*.password',
        'newPassword',
        '*.newPassword',
        'currentPassword',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'cookie',
        '*.cookie',
      ],
      censor: '[redacted]',
    },
  });
}

export function databaseTarget(config: Config, logger?: Logger) {
  return config.DATABASE_URL
    ? ({
        kind: 'postgres',
        url: config.DATABASE_URL,
        poolSize: config.DB_POOL_SIZE,
        onIdleError: (err: Error) =>
          logger?.warn({ err: err.message }, 'an idle database connection was closed'),
      } as const)
    : ({ kind: 'pglite', dataDir: config.DATA_DIR } as const);
}

/** Opens the configured database, applies pending migrations and assembles the dependencies. */
export async function openRuntime(
  config: Config,
  opts: { logger?: Logger; time?: TimeSource; migrate?: boolean } = {},
): Promise<AppDeps> {
  const logger = opts.logger ?? createLogger(config);
  const database: Database = await openDatabase(databaseTarget(config, logger));
  logger.info({ database: database.kind, location: database.location }, 'database opened');
  if (opts.migrate !== false) {
    const applied = await migrate(database);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  return { database, db: database.db, time: opts.time ?? systemTime, config, logger };
}
