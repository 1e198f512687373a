import { hostname } from 'node:os';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AppDeps } from '../../server/context.ts';
import { type ClaimedTimer, claimDueTimers, completeTimer, failTimer } from './timers.ts';

export type TimerContext = { deps: AppDeps; now: Date };
export type TimerHandler = (trx: Kysely<DB>, timer: ClaimedTimer, ctx: TimerContext) => Promise<void>;

/**
 * Work that is due by a column of its own rows rather than by a timer row — the clocks' next threshold
 * crossing (clocks.next_crossing_at). A sweep takes up to `limit` due rows that no other worker holds
 * (row locks, SKIP LOCKED), applies them and moves each row's due instant on, in as many transactions as
 * it likes; `batch: false` asks for one transaction per row (the reference the batched path is tested
 * against).
 */
export interface Sweep {
  name: string;
  run(deps: AppDeps, now: Date, opts: { worker: string; limit: number; batch: boolean }): Promise<TickResult>;
}

/** Where the sweeps ride along with the timer handlers (a symbol, so no timer kind can clash with it). */
export const SWEEPS = Symbol('sweeps');
export type TimerHandlers = Readonly<Record<string, TimerHandler>> & { readonly [SWEEPS]?: readonly Sweep[] };

export interface TickResult {
  claimed: number;
  done: number;
  failed: number;
}

class LeaseLost extends Error {}

export const workerId = () => `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/**
 * One pass of the scheduler: claims up to `limit` due timers (one statement, SKIP LOCKED and a lease) and
 * runs each in its own transaction — a failing handler leaves only its own timer pending, with a growing
 * back-off — then runs each sweep for up to `limit` due rows. The counts add up timers and swept rows.
 */
export async function runTick(
  deps: AppDeps,
  handlers: TimerHandlers,
  opts: { worker: string; limit?: number; leaseMs?: number; batch?: boolean },
): Promise<TickResult> {
  const now = deps.time.now();
  const limit = opts.limit ?? 1000;
  const claimed = await claimDueTimers(deps.db, opts.worker, now, limit, opts.leaseMs ?? 60_000);
  const total: TickResult = { claimed: claimed.length, done: 0, failed: 0 };
  for (const timer of claimed) {
    const handler = handlers[timer.kind];
    try {
      if (!handler) throw new Error(`no handler for timer kind ${timer.kind}`);
      await deps.db.transaction().execute(async (trx) => {
        if (!(await completeTimer(trx, timer.id, opts.worker, now))) throw new LeaseLost();
        await handler(trx, timer, { deps, now });
      });
      total.done++;
    } catch (e) {
      if (e instanceof LeaseLost) continue;
      total.failed++;
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
  for (const sweep of handlers[SWEEPS] ?? []) {
    const r = await sweep.run(deps, now, { worker: opts.worker, limit, batch: opts.batch !== false });
    total.claimed += r.claimed;
    total.done += r.done;
    total.failed += r.failed;
  }
  return total;
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
