import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.ts';

const run = promisify(execFile);
const CLI = join(import.meta.dirname, '../../bin/onewindow.js');
const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'ow-cli-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});
const envFor = (dataDir: string, extra: Record<string, string> = {}) => ({
  ...process.env,
  DATABASE_URL: '',
  DATA_DIR: dataDir,
  LOG_LEVEL: 'warn',
  ...extra,
});

describe('the onewindow command', () => {
  it('lists its commands in --help', async () => {
    const { stdout } = await run('node', [CLI, '--help']);
    for (const cmd of ['start', 'serve', 'migrate', 'admin', 'audit']) expect(stdout).toContain(cmd);
  });

  it('stops with a message naming a bad configuration value', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(loadConfig({}).PORT).toBe(3000);
  });

  it('migrates, creates the first administrator from standard input, and refuses a weak password', async () => {
    const dir = tempDir();
    expect((await run('node', [CLI, 'migrate'], { env: envFor(dir) })).stdout).toContain('applied');
    const create = (password: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        const child = spawn('node', [CLI, 'admin', 'create', '--username', 'root-admin'], {
          env: envFor(dir),
        });
        let out = '';
        child.stdout.on('data', (d) => (out += d));
        child.stderr.on('data', (d) => (out += d));
        child.on('close', (code) => resolve({ code, out }));
        child.stdin.end(`${password}\n`);
      });
    const weak = await create('short');
    expect(weak.code).toBe(2);
    expect(weak.out).toContain('10');
    const ok = await create('a-strong-admin-password');
    expect(ok.code).toBe(0);
    expect(ok.out).toContain('created system administrator root-admin');
    expect(ok.out).not.toContain('a-strong-admin-password');
  });

  it('serves in demo mode, and `serve` then refuses the demo database', async () => {
    const dir = tempDir();
    const server = spawn('node', [CLI, 'start'], { env: envFor(dir, { PORT: '0', LOG_LEVEL: 'info' }) });
    let log = '';
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no listen line in 60 s:\n${log}`)), 60_000);
      server.stderr.on('data', (d) => (log += d));
      server.on('close', (code) => reject(new Error(`server exited (${code}):\n${log}`)));
      server.stdout.on('data', (d) => {
        log += d;
        const m = /listening on (http:\/\/[^"\s]+)/.exec(log);
        if (m?.[1]) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    try {
      expect(log).toContain('DEMO accounts created');
      expect(await (await fetch(`${url}/healthz`)).json()).toMatchObject({ status: 'ok' });
      const login = await fetch(`${url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'clerk', password: 'onewindow-demo' }),
      });
      expect(login.status).toBe(200);
      // A second process must not open the same embedded database.
      const locked = await run('node', [CLI, 'audit', 'verify'], { env: envFor(dir) }).catch((e) => e);
      expect(locked.code).toBe(3);
      expect(locked.stderr).toContain('in use by process');
    } finally {
      const exited = new Promise((resolve) => server.on('close', resolve));
      server.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    const refused = await run('node', [CLI, 'serve'], { env: envFor(dir) }).catch((e) => e);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('demo data');
  });
});
