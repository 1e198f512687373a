import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { type ClaimedTimer, claimDueTimers, completeTimer, completeTimers, failTimer } from './timers.ts';

export type TimerContext = { deps: AppDeps; now: Date };
/**
 * Applies many due timers of one kind in one transaction (their done marks are already written in it). It
 * must have the same effect as the kind's handler run on each timer alone.
 */
export type BatchHandler = (trx: Kysely<DB>, timers: ClaimedTimer[], ctx: TimerContext) => Promise<void>;
export type TimerHandler = ((trx: Kysely<DB>, timer: ClaimedTimer, ctx: TimerContext) => Promise<void>) & {
  /** The high-volume kinds (threshold crossings) also handle a whole claimed batch at once. */
  batch?: BatchHandler;
};
export type TimerHandlers = Readonly<Record<string, TimerHandler>>;

export interface TickResult {
  claimed: number;
  done: number;
  failed: number;
}

class LeaseLost extends Error {}

export const workerId = () => `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * One pass of the scheduler: claims up to `limit` due timers (one statement, SKIP LOCKED and a lease). The
 * kinds with a batch handler run as one transaction per kind together with their done marks; every other
 * timer runs alone in its own transaction. A failing batch is rolled back and its timers run one by one, so
 * a failing handler leaves only its own timer pending, with a growing back-off.
 */
export async function runTick(
  deps: AppDeps,
  handlers: TimerHandlers,
  opts: { worker: string; limit?: number; leaseMs?: number; batch?: boolean },
): Promise<TickResult> {
  const now = deps.time.now();
  const claimed = await claimDueTimers(deps.db, opts.worker, now, opts.limit ?? 1000, opts.leaseMs ?? 60_000);
  let done = 0;
  let failed = 0;
  const single: ClaimedTimer[] = [];
  const batches = new Map<string, ClaimedTimer[]>();
  for (const timer of claimed) {
    if (opts.batch !== false && handlers[timer.kind]?.batch)
      batches.set(timer.kind, [...(batches.get(timer.kind) ?? []), timer]);
    else single.push(timer);
  }
  for (const [kind, timers] of batches) {
    try {
      done += await deps.db.transaction().execute(async (trx) => {
        const held = await completeTimers(
          trx,
          timers.map((t) => t.id),
          opts.worker,
          now,
        );
        const mine = timers.filter((t) => held.has(t.id));
        if (mine.length) await handlers[kind]!.batch!(trx, mine, { deps, now });
        return mine.length;
      });
    } catch (e) {
      deps.logger.warn(
        { err: e, kind, timers: timers.length },
        'timer batch failed; running them one by one',
      );
      single.push(...timers);
    }
  }
  for (const timer of single) {
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
