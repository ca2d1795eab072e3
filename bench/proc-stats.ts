import { readdirSync, readFileSync } from 'node:fs';
import { waitFor } from '../test/support/wait-for';

/** Linux reports CPU time in clock ticks of 1/100 s (CLK_TCK) on every platform Node runs on. */
const MS_PER_TICK = 10;

/** CPU time (user + system) and resident memory of one process, from /proc. */
export interface ProcSample {
  cpuMs: number;
  rssMb: number;
}

export function sampleProcess(pid: number): ProcSample {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces): state is field 3, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const cpuMs = (Number(fields[11]) + Number(fields[12])) * MS_PER_TICK;
  const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return { cpuMs, rssMb: rss ? Number(rss[1]) / 1024 : 0 };
}

/** Resident memory of one process, in MB, from /proc: all of it, anonymous and file-backed. */
export interface ResidentMemory {
  rssMb: number;
  /** False when RSS still moved after three minutes (see {@link memoryAtRest}). */
  settled?: boolean;
  anonymousMb: number;
  fileMb: number;
}

export function residentMemory(pid: number): ResidentMemory {
  const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(rollup)?.[1]);
  const anonymous = kb('Anonymous');
  return {
    rssMb: round(sampleProcess(pid).rssMb),
    anonymousMb: round(anonymous / 1024),
    fileMb: round((kb('Rss') - anonymous) / 1024),
  };
}

/**
 * Every PostgreSQL process on the machine: the server is shared with whatever else runs, so its
 * figure is an upper bound for the benchmark's share.
 */
export function postgresPids(): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres';
      } catch {
        return false;
      }
    });
}

/** CPU share (100 = one core) and RSS of each named process over a window. */
export interface ProcessUsage {
  cpuPercent: number;
  cpuMs: number;
  rssMb: number;
}

/** Starts a window over `pids` (name → pids summed); `stop` returns each one's usage in it. */
export function watchProcesses(pids: Record<string, number[]>): () => Record<string, ProcessUsage> {
  const total = (list: number[]) =>
    list.reduce(
      (sum, pid) => {
        try {
          const sample = sampleProcess(pid);
          return { cpuMs: sum.cpuMs + sample.cpuMs, rssMb: sum.rssMb + sample.rssMb };
        } catch {
          return sum; // a process that ended (a PostgreSQL backend) counts no further
        }
      },
      { cpuMs: 0, rssMb: 0 },
    );
  const started = performance.now();
  const before = Object.fromEntries(
    Object.entries(pids).map(([name, list]) => [name, total(list)]),
  );
  return () => {
    const elapsed = performance.now() - started;
    return Object.fromEntries(
      Object.entries(pids).map(([name, list]) => {
        const after = total(list);
        const cpuMs = Math.max(0, after.cpuMs - before[name].cpuMs);
        return [
          name,
          { cpuMs, cpuPercent: Math.round((cpuMs / elapsed) * 100), rssMb: round(after.rssMb) },
        ];
      }),
    );
  };
}

export function round(value: number, digits = 1): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

/**
 * How long a process is left idle before it counts as at rest: V8's memory reducer shrinks the
 * heap (young generation included) only some 10-45 s after allocation stops; sampled sooner, a
 * process looks 20-40 MB bigger than it stays.
 */
const IDLE_MS = 60_000;

/**
 * Each process's resident memory at rest: waits {@link IDLE_MS}, then until no process's RSS
 * moved by more than 1 MB over the last 10 s (at most three minutes in all).
 */
export async function memoryAtRest(
  pids: Record<string, number>,
): Promise<Record<string, ResidentMemory>> {
  const entries = Object.entries(pids);
  const started = Date.now();
  const history: number[][] = [];
  let lastSample = 0;
  const steady = waitFor(
    () => {
      if (Date.now() - lastSample < 1000) return false;
      lastSample = Date.now();
      history.push(entries.map(([, pid]) => sampleProcess(pid).rssMb));
      const window = history.slice(-11);
      return (
        Date.now() - started >= IDLE_MS &&
        window.length === 11 &&
        window[0].every((first, index) =>
          window.every((sample) => Math.abs(sample[index] - first) <= 1),
        )
      );
    },
    'resting memory to settle',
    180_000,
  );
  // A machine busy with other work may never hold still for 10 s: report what is there then.
  const settled = await steady.then(
    () => true,
    () => false,
  );
  return Object.fromEntries(
    entries.map(([name, pid]) => [name, { ...residentMemory(pid), settled }]),
  );
}
