/**
 * Deadline computations per second (computeClock) with 0, 3 and 20 suspensions.
 * Run: node bin/run-ts.js bench/clock.bench.ts   (or: npx tsx bench/clock.bench.ts)
 */
import { builtinCalendar } from '../src/core/builtin-calendar.ts';
import { type ClockInput, type ClockSuspension, computeClock } from '../src/core/clock.ts';
import { isoToDayNumber, zonedDayMinuteToInstant } from '../src/core/dates.ts';

const calendar = builtinCalendar();
const TZ = 'Asia/Shanghai';
const FIRST = isoToDayNumber('2020-01-01');
const SPAN = isoToDayNumber('2025-06-30') - FIRST;

/** Deterministic PRNG (mulberry32) so every run measures the same cases. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Case {
  input: ClockInput;
  at: number;
}

function makeCases(suspensionCount: number, n: number): Case[] {
  const rand = rng(42 + suspensionCount);
  const cases: Case[] = [];
  for (let i = 0; i < n; i++) {
    const startDay = FIRST + Math.floor(rand() * SPAN);
    const startedAt = zonedDayMinuteToInstant(startDay, 480 + Math.floor(rand() * 600), TZ);
    const suspensions: ClockSuspension[] = [];
    let day = startDay + 1;
    for (let k = 0; k < suspensionCount; k++) {
      day += Math.floor(rand() * 4);
      const length = 1 + Math.floor(rand() * 3);
      suspensions.push({
        reason: '专家评审',
        kind: 'expert_review',
        startedAt: zonedDayMinuteToInstant(day, 600, TZ),
        endedAt: zonedDayMinuteToInstant(day + length, 540, TZ),
      });
      day += length;
    }
    const at = zonedDayMinuteToInstant(startDay + Math.floor(rand() * 120), 600, TZ);
    const value = 1 + Math.floor(rand() * 30);
    cases.push({ input: { startedAt, limit: { value, unit: 'working_days' }, calendar, suspensions }, at });
  }
  return cases;
}

let sink = 0;

function measure(cases: Case[], ms: number): { ops: number; elapsed: number } {
  let ops = 0;
  const startT = performance.now();
  let now = startT;
  while (now - startT < ms) {
    for (let i = 0; i < 1000; i++) {
      const c = cases[(ops + i) % cases.length]!;
      const r = computeClock(c.input, c.at);
      if (r.dueAt !== null) sink ^= r.dueAt & 1;
    }
    ops += 1000;
    now = performance.now();
  }
  return { ops, elapsed: now - startT };
}

const rows: Array<{ suspensions: number; opsPerSec: number; usPerOp: number }> = [];
for (const count of [0, 3, 20]) {
  const cases = makeCases(count, 4096);
  measure(cases, 400); // warm-up
  const { ops, elapsed } = measure(cases, 1500);
  rows.push({ suspensions: count, opsPerSec: (ops / elapsed) * 1000, usPerOp: (elapsed * 1000) / ops });
}

console.log(
  `computeClock on Node ${process.version} (${4096} distinct cases per row, 1.5 s each after warm-up)`,
);
console.log('suspensions | computations/s | µs per computation');
console.log('----------- | -------------- | ------------------');
for (const r of rows) {
  const ops = Math.round(r.opsPerSec).toLocaleString('en-US').padStart(14);
  console.log(`${String(r.suspensions).padStart(11)} | ${ops} | ${r.usPerOp.toFixed(2).padStart(18)}`);
}
if (sink === -1) console.log(sink);
