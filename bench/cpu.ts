import { readdirSync, readFileSync } from 'node:fs';

/** CPU time (ms) used so far by the PostgreSQL server processes on this machine (from /proc), or null. */
export function postgresCpuMs(): number | null {
  const tick = 1000 / 100; // USER_HZ is 100 on Linux
  let total = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const close = stat.lastIndexOf(')');
      if (!stat.slice(stat.indexOf('(') + 1, close).startsWith('postgres')) continue;
      const f = stat.slice(close + 2).split(' ');
      total += (Number(f[11]) + Number(f[12])) * tick; // utime, stime
      found = true;
    } catch {
      // the process ended meanwhile
    }
  }
  return found ? total : null;
}

/** CPU time (ms) this Node process used since `since` (process.cpuUsage), user and system. */
export function nodeCpuMs(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1000;
}
