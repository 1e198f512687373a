import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { type ClaimedTimer, claimDueTimers, completeTimer, failTimer } from './timers.ts';

export type TimerHandler = (
  trx: Kysely<DB>,
  timer: ClaimedTimer,
  ctx: { deps: AppDeps; now: Date },
) => Promise<void>;
export type TimerHandlers = Readonly<Record<string, TimerHandler>>;

export interface TickResult {
  claimed: number;
  done: number;
  failed: number;
}

class LeaseLost extends Error {}

export const workerId = () => `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * One pass of the scheduler: claims the timers that are due and runs each handler in its own transaction
 * together with the done mark. A failing handler leaves the timer pending with a growing back-off.
 */
export async function runTick(
  deps: AppDeps,
  handlers: TimerHandlers,
  opts: { worker: string; limit?: number; leaseMs?: number },
): Promise<TickResult> {
  const now = deps.time.now();
  const claimed = await claimDueTimers(deps.db, opts.worker, now, opts.limit ?? 200, opts.leaseMs ?? 60_000);
  let done = 0;
  let failed = 0;
  for (const timer of claimed) {
    const handler = handlers[timer.kind];
    try {
      if (!handler) throw new Error(`no handler for timer kind ${timer.kind}`);
      await deps.db.transaction().execute(async (trx) => {
        if (!(await completeTimer(trx, timer.id, opts.worker, now))) throw new LeaseLost();
        await handler(trx, timer, { deps, now });
      });
      done++;
    } catch (e) {
      if (e instanceof LeaseLost) continue;
      failed++;
      const backoffMs = Math.min(60 * 60_000, 30_000 * 2 ** Math.min(timer.attempts, 7));
      await failTimer(
        deps.db,
        timer.id,
        opts.worker,
        (e as Error).message,
        new Date(now.getTime() + backoffMs),
      );
      deps.logger.error(
        { err: e, timer: { id: timer.id, kind: timer.kind, key: timer.key } },
        'timer handler failed',
      );
    }
  }
  return { claimed: claimed.length, done, failed };
}

export interface RunningWorker {
  stop(): Promise<void>;
}

/**
 * Polls for due timers every `intervalMs` (draining a full batch at once). The interval only decides how
 * soon a due timer is noticed: what is due lives in the database, so a restart loses nothing.
 */
export function startWorker(
  deps: AppDeps,
  handlers: TimerHandlers,
  opts: { intervalMs: number; worker?: string },
): RunningWorker {
  const worker = opts.worker ?? workerId();
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  const loop = async () => {
    while (!stopped) {
      try {
        const r = await runTick(deps, handlers, { worker });
        if (r.claimed > 0) {
          deps.logger.debug({ worker, ...r }, 'scheduler tick');
          continue;
        }
      } catch (e) {
        deps.logger.error({ err: e }, 'scheduler tick failed');
      }
      await new Promise((resolve) => {
        const t = setTimeout(resolve, opts.intervalMs);
        t.unref();
      });
    }
  };
  current = loop();
  return {
    stop: async () => {
      stopped = true;
      await current;
    },
  };
}
