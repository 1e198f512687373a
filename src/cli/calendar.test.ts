import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/onewindow.js');
const dir = mkdtempSync(join(tmpdir(), 'ow-cal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (args: string[], dataDir = join(dir, 'none')) =>
  run('node', [CLI, 'calendar', ...args], {
    env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
  }).catch((e: { code: number; stdout: string; stderr: string }) => e);

describe('onewindow calendar', () => {
  it('prints the 5th working day after 2025-09-30 and exits 0', async () => {
    const r = await cli(['add-working-days', '2025-09-30', '5']);
    expect(r).toMatchObject({ stdout: '2025-10-14\n' });
    expect((r as { code?: number }).code ?? 0).toBe(0);
  });

  it('says a make-up Saturday is a working day', async () => {
    expect((await cli(['is-working-day', '2025-10-11'])).stdout).toBe('true\n');
    expect((await cli(['is-working-day', '2025-10-03'])).stdout).toBe('false\n');
  });

  it('exits 2 with a clear message for an uncovered year or a bad date', async () => {
    const r = await cli(['add-working-days', '2026-12-25', '5']);
    expect(r).toMatchObject({ code: 2 });
    expect(r.stderr).toContain('calendar for 2027 is not configured');
    expect(await cli(['is-working-day', '2025-02-30'])).toMatchObject({ code: 2 });
  });

  it('imports a year into the database, which later answers use', async () => {
    const data = join(dir, 'db');
    const file = join(dir, '2027.json');
    writeFileSync(file, JSON.stringify([{ date: '2027-01-01', isOffDay: true, name: '元旦' }]));
    const imported = await cli(['import', file], data);
    expect(imported.stdout).toContain('imported 1 days');
    expect((await cli(['add-working-days', '2026-12-31', '1'], data)).stdout).toBe('2027-01-04\n');
    expect((await cli(['count-working-days', '2026-12-31', '2027-01-04'], data)).stdout).toBe('1\n');
  });
});
