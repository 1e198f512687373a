/**
 * A worker thread of bench:engine on PostgreSQL: an engine instance of its own (its own pool, caches and
 * event loop), as one of several server processes on one database would be. The main thread sends it a
 * level's cases; it runs one client per case for the time given and answers with its count.
 */
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import pino from 'pino';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/database.ts';
import { wire } from '../src/db/prepared.ts';
import type { Principal } from '../src/modules/auth/principal.ts';
import type { AppDeps } from '../src/server/context.ts';
import { ManualTime } from '../src/shared/time.ts';
import { client } from './engine.client.ts';

export interface WorkerInit {
  module: string;
  url: string;
  poolSize: number;
  now: string;
}
export interface WorkerRun {
  cases: string[];
  principal: Principal;
  ms: number;
}
export interface WorkerDone {
  transitions: number;
  roundTrips: number;
  loopBusy: number;
}

const init = workerData as WorkerInit;
const database = await openDatabase({ kind: 'postgres', url: init.url, poolSize: init.poolSize });
const deps: AppDeps = {
  database,
  db: database.db,
  time: new ManualTime(init.now),
  config: loadConfig({}),
  logger: pino({ level: 'silent' }),
};
const port = parentPort!;
port.on('message', async (m: WorkerRun | 'close') => {
  if (m === 'close') {
    await database.close();
    port.close();
    return;
  }
  try {
    const trips = wire.roundTrips;
    const loop = performance.eventLoopUtilization();
    const until = performance.now() + m.ms;
    const counts = await Promise.all(m.cases.map((id) => client(deps, m.principal, id, until)));
    port.postMessage({
      transitions: counts.reduce((a, b) => a + b, 0),
      roundTrips: wire.roundTrips - trips,
      loopBusy: performance.eventLoopUtilization(loop).utilization,
    } satisfies WorkerDone);
  } catch (e) {
    port.postMessage({ error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
port.postMessage('ready');
