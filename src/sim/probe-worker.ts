/**
 * Worker-thread entry of the setup probe (probe-thread.ts): runs the probe on the input it was
 * started with, posts the answer (or the error), then raises the flag the run's thread waits on.
 * The probe's modules are imported inside the try, so even a failure to load them is answered.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import type { ProbeInput, ProbeReply } from './probe-thread.js';

const { input, port, done, progress } = workerData as { input: ProbeInput; port: MessagePort; done: Int32Array; progress: Float64Array };
try {
  let reply: ProbeReply;
  try {
    const { probeFromInput } = await import('./probe-thread.js');
    const r = probeFromInput(input, progress);
    reply = { ok: true, setUpAtUs: r.setUpAtUs, campaignEndUs: r.campaignEndUs };
  } catch (err) {
    reply = failure(err);
  }
  try {
    port.postMessage(reply);
  } catch (err) {
    port.postMessage(failure(err));
  }
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}

function failure(err: unknown): ProbeReply {
  const e = err instanceof Error ? err : new Error(String(err));
  return { ok: false, error: { name: e.name, message: e.message, stack: e.stack } };
}
