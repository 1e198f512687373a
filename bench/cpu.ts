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

/**
 * CPU time (ms) all cores of this machine have spent busy so far (/proc/stat: user, nice, system, irq,
 * softirq), or null. Between two readings it counts every process, so callers subtract what they know.
 */
export function machineBusyMs(): number | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!;
    const f = line.trim().split(/\s+/).slice(1).map(Number);
    return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0)) * (1000 / 100);
  } catch {
    return null;
  }
}

/** CPU time (ms) of this process's children that have ended and been waited for (cutime + cstime). */
export function endedChildrenCpuMs(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[13]) + Number(f[14])) * (1000 / 100);
  } catch {
    return null;
  }
}
