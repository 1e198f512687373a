import { readdirSync, readFileSync } from 'node:fs';

/** Milliseconds per clock tick of /proc's CPU times (USER_HZ is 100 on Linux). */
const TICK_MS = 1000 / 100;

/** A /proc/PID/stat line's name (field 2) and the fields after it (`rest[0]` is field 3, the state). */
function statFields(stat: string): { name: string; rest: string[] } {
  const close = stat.lastIndexOf(')');
  return { name: stat.slice(stat.indexOf('(') + 1, close), rest: stat.slice(close + 2).split(' ') };
}

/** CPU time (ms) used so far by the PostgreSQL server processes on this machine (from /proc), or null. */
export function postgresCpuMs(): number | null {
  let total = 0;
  let found = false;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const { name, rest } = statFields(readFileSync(`/proc/${pid}/stat`, 'utf8'));
      if (!name.startsWith('postgres')) continue;
      total += (Number(rest[11]) + Number(rest[12])) * TICK_MS; // utime, stime
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
    return ((f[0] ?? 0) + (f[1] ?? 0) + (f[2] ?? 0) + (f[5] ?? 0) + (f[6] ?? 0)) * TICK_MS;
  } catch {
    return null;
  }
}

/** CPU time (ms) of this process's children that have ended and been waited for (cutime + cstime). */
export function endedChildrenCpuMs(): number | null {
  try {
    const { rest } = statFields(readFileSync('/proc/self/stat', 'utf8'));
    return (Number(rest[13]) + Number(rest[14])) * TICK_MS;
  } catch {
    return null;
  }
}
