/**
 * The event queue under the hold model: `pending` events, then each step pops the earliest and
 * pushes it again up to an hour later (a device's next uplink). Prints ns per pop and push.
 * `node dist/bench/queue-hold.js [other-build/dist/src/engine/queue.js]` also times another
 * build's queue, alternated with this one, in the same process.
 */
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { EventQueue } from '../src/engine/queue.js';

type QueueClass = new (capacity?: number) => { push(t: number, k: number, a?: number, b?: number): void; pop(): boolean; time: number; a: number };

function hold(Q: QueueClass, pending: number, steps: number): number {
  const q = new Q(4096);
  let x = 12345;
  const rnd = () => {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    return x / 0x7fffffff;
  };
  for (let i = 0; i < pending; i++) q.push(Math.round(rnd() * 3.6e9), 1, i, 0);
  const t0 = performance.now();
  for (let i = 0; i < steps; i++) {
    q.pop();
    q.push(q.time + Math.round(rnd() * 3.6e9), 1, q.a, 0);
  }
  return ((performance.now() - t0) * 1e6) / steps;
}

const other = process.argv[2];
const builds: [string, QueueClass][] = [['this build', EventQueue as QueueClass]];
if (other) builds.push([other, ((await import(pathToFileURL(resolve(other)).href)) as { EventQueue: QueueClass }).EventQueue]);
for (const pending of [10_000, 1_000_000]) {
  for (let round = 0; round < 2; round++) {
    for (const [name, Q] of round === 0 ? builds : [...builds].reverse()) {
      console.log(`${String(pending).padStart(8)} pending  ${hold(Q, pending, 3_000_000).toFixed(0).padStart(5)} ns per pop and push  ${name}`);
    }
  }
}
