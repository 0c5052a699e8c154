/** An error crossing between threads (engine/worker-error.ts). */
import { describe, expect, it } from 'vitest';
import { MessageChannel, receiveMessageOnPort } from 'node:worker_threads';
import { postedError, reviveError } from '../../src/engine/worker-error.js';

describe('an error posted by a worker', () => {
  it('comes back through a real message port with its name, message and stack', () => {
    const original = new RangeError('fragment size 0 is below 1');
    const { port1, port2 } = new MessageChannel();
    port2.postMessage(postedError(original));
    const posted = receiveMessageOnPort(port1)!.message;
    port1.close();
    const back = reviveError(posted);
    expect(back).toBeInstanceOf(Error);
    expect(back.name).toBe('RangeError');
    expect(back.message).toBe('fragment size 0 is below 1');
    expect(back.stack).toBe(original.stack);
  });

  it('posts anything thrown that is not an Error as an Error of its text', () => {
    expect(postedError('disk full')).toMatchObject({ name: 'Error', message: 'disk full' });
    expect(reviveError({ name: 'Error', message: 'x' }).stack).toContain('x');
  });
});
