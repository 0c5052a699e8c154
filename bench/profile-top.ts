/**
 * Top self-time functions of a V8 CPU profile (`node --cpu-prof`), as shares of all samples:
 * `node dist/bench/profile-top.js <file.cpuprofile> [count]`. Functions of the same name and file
 * are summed (V8 may list one function under several nodes); the figures in docs/benchmarks.md
 * ("Profile") come from this script.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
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

/** Self time per function (name + file), largest first. */
export function selfTimes(profile: CpuProfile): SelfTime[] {
  const key = new Map<number, string>();
  for (const n of profile.nodes) {
    const file = n.callFrame.url ? basename(n.callFrame.url) : '';
    key.set(n.id, `${n.callFrame.functionName || '(anonymous)'}\t${file}`);
  }
  const us = new Map<string, number>();
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    const k = key.get(profile.samples[i]) ?? '?';
    us.set(k, (us.get(k) ?? 0) + dt);
    total += dt;
  }
  return [...us.entries()]
    .map(([k, t]) => {
      const [name, where] = k.split('\t');
      return { name, where, sharePercent: (100 * t) / total, selfMs: t / 1000 };
    })
    .sort((a, b) => b.selfMs - a.selfMs);
}

if (process.argv[1] && basename(process.argv[1]).startsWith('profile-top')) {
  const [file, countArg] = process.argv.slice(2);
  if (!file) {
    console.error('usage: node dist/bench/profile-top.js <file.cpuprofile> [count]');
    process.exit(2);
  }
  const top = selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile).slice(0, Number(countArg ?? 25));
  for (const t of top) console.log(`${t.sharePercent.toFixed(1).padStart(5)} %  ${t.selfMs.toFixed(0).padStart(7)} ms  ${t.name}  ${t.where}`);
}
