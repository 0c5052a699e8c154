/**
 * A small pool of `node:worker_threads` workers that run one task at a time each, in submission
 * order. Tasks and results travel by structured clone, so they must be plain data.
 *
 * Ours rather than tinypool or piscina, because a sweep must fail (and be resumable) when a worker
 * dies: tinypool 2.2 leaves the task of a worker thread that exits without an error pending for
 * ever (a worker calling process.exit: the sweep would hang), and piscina 5.3 (1.4 MB with an
 * optional native package) emits an unhandled "Unexpected message from Worker" error when closed
 * with a task in flight. Both pass errors and results the same way this pool does.
 *
 * Workers execute compiled JavaScript: `engine/worker-file.ts` finds the script.
 */
import { availableParallelism } from 'node:os';
import { Worker, parentPort } from 'node:worker_threads';
import { postedError, reviveError, type PostedError } from '../engine/worker-error.js';

/** Message from a worker: the result of task `id`, or its error. */
export type WorkerReply<R> =
  | { id: number; ok: true; result: R }
  | { id: number; ok: false; error: PostedError };

export interface TaskPool<T, R> {
  readonly size: number;
  run(task: T): Promise<R>;
  /** Stops every worker; tasks not yet finished are rejected. */
  close(): Promise<void>;
}

/** The default worker count: the cores available to this process. */
export function defaultWorkers(): number {
  return availableParallelism();
}

interface Pending<T, R> {
  id: number;
  task: T;
  resolve(r: R): void;
  reject(e: Error): void;
}

/** A pool of `size` workers running `workerFile`, which answers `{ id, task }` with a WorkerReply. */
export function createWorkerPool<T, R>(workerFile: string, size: number): TaskPool<T, R> {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`worker count must be a positive integer, got ${size}`);
  const queue: Pending<T, R>[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Pending<T, R>>();
  const workers: Worker[] = [];
  let nextId = 0;
  let closed = false;

  const dispatch = (): void => {
    while (idle.length > 0 && queue.length > 0) {
      const w = idle.pop() as Worker;
      const job = queue.shift() as Pending<T, R>;
      busy.set(w, job);
      w.postMessage({ id: job.id, task: job.task });
    }
  };

  const fail = (w: Worker, err: Error): void => {
    const job = busy.get(w);
    busy.delete(w);
    job?.reject(err);
  };

  for (let i = 0; i < size; i++) {
    const w = new Worker(workerFile);
    workers.push(w);
    idle.push(w);
    w.on('message', (msg: WorkerReply<R>) => {
      const job = busy.get(w);
      if (!job || job.id !== msg.id) return;
      busy.delete(w);
      idle.push(w);
      if (msg.ok) job.resolve(msg.result);
      else job.reject(reviveError(msg.error));
      dispatch();
    });
    w.on('error', (err) => fail(w, err));
    w.on('exit', (code) => {
      if (!closed) fail(w, new Error(`worker stopped unexpectedly (exit code ${code})`));
    });
  }

  return {
    size,
    run(task: T): Promise<R> {
      if (closed) return Promise.reject(new Error('the worker pool is closed'));
      return new Promise<R>((res, rej) => {
        queue.push({ id: nextId++, task, resolve: res, reject: rej });
        dispatch();
      });
    },
    async close(): Promise<void> {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error('the worker pool was closed'));
      for (const w of workers) fail(w, new Error('the worker pool was closed'));
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}

/** The worker side: answers every `{ id, task }` message with `handler(task)` as a WorkerReply. */
export function serveTasks<T, R>(handler: (task: T) => R | Promise<R>): void {
  const port = parentPort;
  if (!port) throw new Error('serveTasks must run inside a worker thread');
  port.on('message', async (msg: { id: number; task: T }) => {
    let reply: WorkerReply<R>;
    try {
      reply = { id: msg.id, ok: true, result: await handler(msg.task) };
    } catch (err) {
      reply = { id: msg.id, ok: false, error: postedError(err) };
    }
    port.postMessage(reply);
  });
}
