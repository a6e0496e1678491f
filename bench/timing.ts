import { scratchPgliteDir, scratchPostgres, type Scratch } from "@/lib/testing/scratch";
import type { Handle } from "@/db/client";

/** Median and 95th percentile (nearest rank) of timings in ms. */
export function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  return { median: at(0.5), p95: at(0.95) };
}

/** Times `runs` calls of fn after `warmup` untimed ones. */
export async function timeCalls(fn: (i: number) => Promise<unknown>, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await fn(i);
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn(i);
    ms.push(performance.now() - t);
  }
  return stats(ms);
}

/**
 * Wall time of `runs` calls after `warmup` untimed ones, and the CPU time this process (main
 * thread and the PGlite worker thread) spent on each: on a machine shared with other work, wall
 * time includes waiting for a core, CPU time does not. On PostgreSQL the server's CPU is
 * elsewhere, so only wall time means something there.
 */
export async function timeCallsWithCpu(fn: () => Promise<unknown>, runs: number, warmup: number) {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    wall.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ...stats(wall), cpu: stats(cpu) };
}

/** Runs a benchmark on PGlite in a temporary folder, then on PostgreSQL when DATABASE_URL is set. */
export async function onEachDatabase(prefix: string, run: (label: string, h: Handle) => Promise<void>): Promise<void> {
  const targets: (() => Promise<Scratch>)[] = [() => scratchPgliteDir(`bench-${prefix}`)];
  const url = process.env.DATABASE_URL;
  if (url) targets.push(() => scratchPostgres(url, `bench_${prefix}`));
  for (const open of targets) {
    const s = await open();
    try {
      await run(s.label, s.handle);
    } finally {
      await s.drop();
    }
  }
  if (!url) console.log("\n(set DATABASE_URL to also run on PostgreSQL)");
}
