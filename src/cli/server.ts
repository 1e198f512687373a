import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { migrate } from '../db/migrate.ts';
import { isDemoDatabase, seedDemo } from '../db/seed/demo.ts';
import { ensureRecurringTimers, TIMER_HANDLERS } from '../modules/scheduler/handlers.ts';
import { startWorker } from '../modules/scheduler/worker.ts';
import { createLogger, openRuntime } from '../runtime.ts';
import type { AppDeps } from '../server/context.ts';
import { startHttpServer } from '../server/http.ts';
import { buildWebApp, isWebBuilt } from '../server/static.ts';
import { ExitError } from './main.ts';

const untilSignal = () =>
  new Promise<string>((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });

async function startScheduler(deps: AppDeps) {
  await ensureRecurringTimers(deps.db, deps.time.now());
  return startWorker(deps, TIMER_HANDLERS, { intervalMs: deps.config.WORKER_INTERVAL_MS });
}

async function run(deps: AppDeps) {
  const server = await startHttpServer(deps);
  const worker = deps.config.WORKER_ENABLED ? await startScheduler(deps) : null;
  deps.logger.info(
    { url: server.url, scheduler: Boolean(worker) },
    `onewindow is listening on ${server.url}`,
  );
  const signal = await untilSignal();
  deps.logger.info({ signal }, 'shutting down');
  await worker?.stop();
  await server.stop();
}

export function registerServerCommands(program: Command) {
  program
    .command('start')
    .description(
      'demo mode: serve with demo data and demo accounts (embedded database in ./data unless DATABASE_URL)',
    )
    .action(async () => {
      const config = loadConfig();
      const logger = createLogger(config);
      if (!isWebBuilt()) {
        logger.info('the web app is not built yet (web/dist): building it once, this takes a few seconds');
        await buildWebApp((message) => logger.info(message));
      }
      const deps = await openRuntime(config, { logger });
      const created = await seedDemo(deps);
      if (created.length) {
        deps.logger.warn(
          { accounts: created.map((a) => `${a.username} (${a.roles.join(',')})`) },
          'DEMO accounts created, password "onewindow-demo" — for demonstration only, never in production',
        );
      } else deps.logger.info('demo data already present');
      if (deps.database.kind === 'pglite')
        deps.logger.warn(
          'embedded PGlite database: it does not fsync; use DATABASE_URL (PostgreSQL) in production',
        );
      await run(deps);
    });

  program
    .command('serve')
    .description('production mode: serve without demo data (set DATABASE_URL to a PostgreSQL server)')
    .action(async () => {
      const config = loadConfig();
      const deps = await openRuntime(config);
      if (await isDemoDatabase(deps)) {
        await deps.database.close();
        throw new ExitError(
          'this database holds demo data and demo accounts; `serve` refuses it. Use `onewindow start` for a demo, or a fresh database.',
          2,
        );
      }
      if (deps.database.kind === 'pglite')
        deps.logger.warn(
          'embedded PGlite database: it does not fsync and is not for production; set DATABASE_URL',
        );
      if (!isWebBuilt())
        deps.logger.warn(
          'the web app is not built (web/dist is missing): run `npm run build` and restart; until then only the API is served and / shows a notice',
        );
      const admins = await deps.db
        .selectFrom('staff')
        .select('id')
        .where('roles', '@>', ['system_admin'])
        .where('active', '=', true)
        .limit(1)
        .execute();
      if (!admins.length)
        deps.logger.warn('no administrator yet: run `onewindow admin create` to make the first one');
      await run(deps);
    });

  program
    .command('worker')
    .description(
      'run only the scheduler (deadline timers) in this process; several may run on one PostgreSQL',
    )
    .action(async () => {
      const deps = await openRuntime(loadConfig());
      const worker = await startScheduler(deps);
      deps.logger.info('scheduler running');
      const signal = await untilSignal();
      deps.logger.info({ signal }, 'stopping the scheduler');
      await worker.stop();
      await deps.database.close();
    });

  program
    .command('migrate')
    .description('apply pending database migrations and exit')
    .action(async () => {
      const config = loadConfig();
      const deps = await openRuntime(config, { migrate: false, logger: createLogger({ LOG_LEVEL: 'warn' }) });
      try {
        const applied = await migrate(deps.database);
        console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
      } finally {
        await deps.database.close();
      }
    });
}
