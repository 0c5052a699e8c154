/**
 * An error crossing between threads: a worker posts it as plain data, and the thread that started
 * the worker throws it again with the same name, message and stack. Used by the sweep's pool
 * (sweep/pool.ts) and the setup probe's thread (sim/probe-thread.ts).
 */

/** An error as a worker posts it. */
export interface PostedError {
  name: string;
  message: string;
  stack?: string;
}

/** Anything thrown, as plain data to post. */
export function postedError(err: unknown): PostedError {
  const e = err instanceof Error ? err : new Error(String(err));
  return { name: e.name, message: e.message, stack: e.stack };
}

/** The Error to throw on this side for one a worker posted. */
export function reviveError(e: PostedError): Error {
  const err = new Error(e.message);
  err.name = e.name;
  if (e.stack) err.stack = e.stack;
  return err;
}
