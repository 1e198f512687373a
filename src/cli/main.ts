import { Command, CommanderError } from 'commander';
import { ConfigError, loadConfig } from '../config.ts';
import { DataDirLockedError } from '../db/database.ts';
import { registerStatsCommands } from '../modules/stats/stats.cli.ts';
import { AppError } from '../shared/errors.ts';
import { registerAdminCommands } from './admin.ts';
import { registerCalendarCommands } from './calendar.ts';
import { registerCatalogueCommands } from './catalogue.ts';
import { registerServerCommands } from './server.ts';

/** Thrown by a command to end with a given exit code after printing its message. */
export class ExitError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export function buildProgram(): Command {
  const program = new Command('onewindow')
    .description('onewindow (一窗通办): the one-stop government service hall platform')
    .showHelpAfterError()
    .exitOverride();
  registerServerCommands(program);
  registerAdminCommands(program);
  registerCatalogueCommands(program);
  registerCalendarCommands(program);
  registerStatsCommands(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (e) {
    if (e instanceof CommanderError) {
      process.exitCode = e.exitCode === 0 ? 0 : 2;
      return;
    }
    if (e instanceof ExitError) {
      console.error(e.message);
      process.exitCode = e.exitCode;
      return;
    }
    if (e instanceof ConfigError || e instanceof DataDirLockedError) {
      console.error(e.message);
      process.exitCode = e instanceof DataDirLockedError ? 3 : 2;
      return;
    }
    if (e instanceof AppError) {
      console.error(`${e.messageZh} / ${e.messageEn}`);
      process.exitCode = 2;
      return;
    }
    throw e;
  }
}

export { loadConfig };
