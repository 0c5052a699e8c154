/**
 * The devices whose deaf or RX1 window (Fleet.deafFromUs … rx1ToUs) may still overlap a multicast
 * frame: every device whose windows were set or stretched (by the uplink medium, uplinks.ts: its
 * uplinks and, through `extendBusy`, the class A downlinks it receives), until both windows have
 * closed before any frame still to be delivered could start. The multicast loop uses it to count
 * the device-frames it covers without looking at every device (coverage.ts).
 */
export class OpenWindows {
  private list: Int32Array = new Int32Array(64);
  /** per device: 1 while in the set (0: neither window can overlap a frame still to be delivered) */
  readonly member: Uint8Array;
  count = 0;

  constructor(devices: number) {
    this.member = new Uint8Array(devices);
  }

  /** Device d's windows were just set or stretched. */
  add(d: number): void {
    if (this.member[d] === 1) return;
    this.member[d] = 1;
    if (this.count === this.list.length) {
      const grown = new Int32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.count++] = d;
  }

  /** The i-th device of the set (0 <= i < count; the order changes when `prune` removes some). */
  at(i: number): number {
    return this.list[i];
  }

  /** Removes the devices whose windows both closed at or before `beforeUs`. */
  prune(beforeUs: number, deafToUs: Float64Array, rx1ToUs: Float64Array): void {
    let k = 0;
    for (let i = 0; i < this.count; i++) {
      const d = this.list[i];
      if (deafToUs[d] > beforeUs || rx1ToUs[d] > beforeUs) this.list[k++] = d;
      else this.member[d] = 0;
    }
    this.count = k;
  }
}
