// `onewindow stats rebuild`: the summary tables again from the whole case history.
import type { Command } from 'commander';
import { withRuntime } from '../../cli/admin.ts';
import { rebuildStats } from './stats.consumer.ts';

export function registerStatsCommands(program: Command) {
  const stats = program.command('stats').description('statistics summary tables');
  stats
    .command('rebuild')
    .description(
      'rebuild the statistics from the case history (replaces the incremental figures in one transaction)',
    )
    .action(async () => {
      await withRuntime(async (deps) => {
        const started = Date.now();
        const events = await rebuildStats(deps.db, deps.time.now());
        console.log(`rebuilt the statistics from ${events} events in ${Date.now() - started} ms`);
      });
    });
}
