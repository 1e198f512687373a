import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { systemActor } from '../modules/audit/audit.log.ts';
import { verifyActionLog } from '../modules/audit/audit.verify.ts';
import { insertStaff } from '../modules/staff/staff.service.ts';
import { createLogger, openRuntime } from '../runtime.ts';
import type { AppDeps } from '../server/context.ts';
import { ExitError } from './main.ts';

/** Opens the database for a one-off command (quiet log), runs it, and always closes. */
export async function withRuntime<T>(fn: (deps: AppDeps) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const deps = await openRuntime(config, {
    logger: createLogger({ LOG_LEVEL: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn' }),
  });
  try {
    return await fn(deps);
  } finally {
    await deps.database.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

export function registerAdminCommands(program: Command) {
  const admin = program.command('admin').description('administrator accounts');
  admin
    .command('create')
    .description('create a system administrator (the password is read from standard input)')
    .requiredOption('--username <name>', 'login name')
    .option('--name <displayName>', 'display name', '系统管理员')
    .action(async (opts: { username: string; name: string }) => {
      if (process.stdin.isTTY) process.stderr.write('password (end with Enter, then Ctrl-D): ');
      const password = await readStdin();
      await withRuntime(async (deps) => {
        const staff = await insertStaff(deps, systemActor('cli'), {
          username: opts.username,
          displayName: opts.name,
          password,
          roles: ['system_admin'],
          centreId: null,
          departmentId: null,
          officeId: null,
        });
        console.log(`created system administrator ${staff.username} (${staff.id})`);
      });
    });

  const audit = program.command('audit').description('the tamper-evident action log');
  audit
    .command('verify')
    .description(
      'walk the hash chain; exit 1 and name the first bad entry if anything was altered or removed',
    )
    .action(async () => {
      const result = await withRuntime((deps) => verifyActionLog(deps.db));
      if (!result.ok && result.firstBad)
        throw new ExitError(
          `action log is NOT intact: entry ${result.firstBad.seq}: ${result.firstBad.reason}`,
          1,
        );
      console.log(`action log intact: ${result.checked} entries verified`);
    });
}
