/**
 * Worker-thread entry of the setup probe (probe-thread.ts): runs the probe on the input it was
 * started with, posts the answer (or the error), then raises the flag the run's thread waits on.
 * The probe's modules are imported inside the try, so even a failure to load them is answered.
 */
import { workerData } from 'node:worker_threads';
import type { MessagePort } from 'node:worker_threads';
import { postedError } from '../engine/worker-error.js';
import type { ProbeInput, ProbeReply } from './probe-thread.js';

const { input, port, done, progress } = workerData as { input: ProbeInput; port: MessagePort; done: Int32Array; progress: Float64Array };
try {
  let reply: ProbeReply;
  try {
    const { probeFromInput } = await import('./probe-thread.js');
    const r = probeFromInput(input, progress);
    reply = { ok: true, setUpAtUs: r.setUpAtUs, campaignEndUs: r.campaignEndUs };
  } catch (err) {
    reply = { ok: false, error: postedError(err) };
  }
  try {
    port.postMessage(reply);
  } catch (err) {
    port.postMessage({ ok: false, error: postedError(err) } satisfies ProbeReply);
  }
} finally {
  Atomics.store(done, 0, 1);
  Atomics.notify(done, 0);
}
