/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof`), as shares of all samples:
 * `node dist/bench/profile-top.js <file.cpuprofile> [count]`. Functions of the same name and file
 * are summed (V8 may list one function under several nodes); the figures in docs/benchmarks.md
 * ("Profile") come from this script. `--lines <function>` prints that function's samples by source
 * line of its compiled file instead (`--lines decoders.js:feed` for the one in that file; lines of
inlined callees are those of their own files). `--inclusive` prints each function's time with what
 * it called instead of its self time.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  positionTicks?: { line: number; ticks: number }[];
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  name: string;
  where: string;
  sharePercent: number;
  selfMs: number;
}

/** A call-tree node's function, as "name\tfile" (functions of the same name and file are one). */
function functionKey(n: ProfileNode): string {
  return `${n.callFrame.functionName || '(anonymous)'}\t${n.callFrame.url ? basename(n.callFrame.url) : ''}`;
}

/** Sampled time per call-tree node, µs, and the total. */
function nodeTimes(profile: CpuProfile): { us: Map<number, number>; total: number } {
  const us = new Map<number, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    us.set(profile.samples[i], (us.get(profile.samples[i]) ?? 0) + dt);
    total += dt;
  }
  return { us, total };
}

/** Times per function key, µs, as rows largest first with their shares of `total`. */
function ranked(us: Map<string, number>, total: number): SelfTime[] {
  return [...us.entries()]
    .map(([k, t]) => {
      const [name, where] = k.split('\t');
      return { name, where, sharePercent: (100 * t) / total, selfMs: t / 1000 };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
}

/** Self time per function (name + file), largest first. */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const { us: perNode, total } = nodeTimes(profile);
  const us = new Map<string, number>();
  for (const [id, t] of perNode) {
    const n = byId.get(id);
    const k = n === undefined ? '?' : functionKey(n);
    us.set(k, (us.get(k) ?? 0) + t);
  }
  return ranked(us, total);
}

/**
 * Inclusive time per function (name + file): the samples of every call-tree node of that function
 * and of everything it called, a recursive call counted once (a node's time is added to its
 * function only when the function is not already open above it), largest first, as shares of all
 * samples.
 */
export function inclusiveTimes(profile: CpuProfile): SelfTime[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const { us: self, total } = nodeTimes(profile);
  const us = new Map<string, number>();
  const open = new Map<string, number>();
  const walk = (id: number): number => {
    const n = byId.get(id)!;
    const k = functionKey(n);
    open.set(k, (open.get(k) ?? 0) + 1);
    let t = self.get(id) ?? 0;
    for (const c of n.children ?? []) t += walk(c);
    const depth = open.get(k)! - 1;
    open.set(k, depth);
    if (depth === 0) us.set(k, (us.get(k) ?? 0) + t);
    return t;
  };
  const called = new Set(profile.nodes.flatMap((n) => n.children ?? []));
  for (const n of profile.nodes) if (!called.has(n.id)) walk(n.id);
  return ranked(us, total);
}

/**
 * Samples of one function ("name", or "file.js:name" for the one in that file) by line
 * ("file:line"), largest first, as shares of that function's samples.
 */
export function lineTicks(profile: CpuProfile, fn: string): { where: string; sharePercent: number }[] {
  const [file, functionName] = fn.includes(':') ? fn.split(':') : [null, fn];
  const ticks = new Map<string, number>();
  let total = 0;
  for (const n of profile.nodes) {
    if (n.callFrame.functionName !== functionName) continue;
    if (file !== null && basename(n.callFrame.url) !== file) continue;
    for (const p of n.positionTicks ?? []) {
      const k = `${basename(n.callFrame.url)}:${p.line}`;
      ticks.set(k, (ticks.get(k) ?? 0) + p.ticks);
      total += p.ticks;
    }
  }
  return [...ticks.entries()].map(([where, t]) => ({ where, sharePercent: (100 * t) / total })).sort((a, b) => b.sharePercent - a.sharePercent);
}

if (process.argv[1] && basename(process.argv[1]).startsWith('profile-top')) {
  const args = process.argv.slice(2);
  const linesAt = args.indexOf('--lines');
  const inclusive = args.includes('--inclusive');
  const [file, countArg] = args.filter((a, i) => a !== '--inclusive' && (linesAt < 0 || (i !== linesAt && i !== linesAt + 1)));
  if (!file) {
    console.error('usage: node dist/bench/profile-top.js <file.cpuprofile> [count] [--lines <function> | --inclusive]');
    process.exit(2);
  }
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const count = Number(countArg ?? 25);
  if (linesAt >= 0) {
    for (const l of lineTicks(profile, args[linesAt + 1]).slice(0, count)) console.log(`${l.sharePercent.toFixed(1).padStart(5)} %  ${l.where}`);
  } else {
    for (const t of (inclusive ? inclusiveTimes(profile) : selfTimes(profile)).slice(0, count)) {
      console.log(`${t.sharePercent.toFixed(1).padStart(5)} %  ${t.selfMs.toFixed(0).padStart(7)} ms  ${t.name}  ${t.where}`);
    }
  }
}
