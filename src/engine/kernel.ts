/**
 * The simulation kernel: a clock and an event queue, nothing about LoRa. Models schedule events
 * (kind + two integers) and the kernel hands each one, in (time, priority, sequence) order, to a
 * single dispatch function. Time is an integer number of microseconds.
 */
import { EventQueue } from './queue.js';

export type Dispatch = (kind: number, a: number, b: number) => void;

/** Named priorities for events at the same instant (lower runs first). */
export const Priority = {
  /** state changes that must precede deliveries at the same time (e.g. a window opening) */
  early: 64,
  normal: 128,
  /** bookkeeping that must see everything else at that time (e.g. a phase ending) */
  late: 192,
} as const;

export class Kernel {
  private readonly queue = new EventQueue(4096);
  private stopped = false;
  /** current simulation time, µs */
  now = 0;
  /** events dispatched so far */
  events = 0;

  constructor(private readonly dispatch: Dispatch) {}

  /** Schedules an event at absolute time `timeUs` (>= now). */
  at(timeUs: number, kind: number, a = 0, b = 0, priority: number = Priority.normal): void {
    if (timeUs < this.now) throw new RangeError(`cannot schedule in the past: ${timeUs} < ${this.now}`);
    this.queue.push(Math.round(timeUs), kind, a, b, priority);
  }

  /** Schedules an event `delayUs` after now. */
  after(delayUs: number, kind: number, a = 0, b = 0, priority: number = Priority.normal): void {
    this.at(this.now + delayUs, kind, a, b, priority);
  }

  get pending(): number {
    return this.queue.size;
  }

  nextTime(): number {
    return this.queue.peekTime();
  }

  /** Stops `run` after the current event. */
  stop(): void {
    this.stopped = true;
  }

  /** Dispatches events until the queue is empty, `stop()` is called, or the next event is after `untilUs`. */
  run(untilUs = Infinity): void {
    this.stopped = false;
    const q = this.queue;
    while (!this.stopped && q.size > 0 && q.peekTime() <= untilUs) {
      q.pop();
      this.now = q.time;
      this.events++;
      this.dispatch(q.kind, q.a, q.b);
    }
    if (!this.stopped && untilUs !== Infinity && this.now < untilUs) this.now = untilUs;
  }
}
