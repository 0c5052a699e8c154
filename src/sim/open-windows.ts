/**
 * The devices whose deaf or RX1 window (SlotState.deafFromUs … rx1ToUs) may still overlap a
 * multicast frame, by slot (the fleet's storage order, device-order.ts): every device whose windows
 * were set or stretched (by the uplink medium, uplinks.ts: its
 * uplinks and, through `extendBusy`, the class A downlinks it receives), until both windows have
 * closed before any frame still to be delivered could start. The multicast loop uses it to count
 * the device-frames it covers without looking at every device (coverage.ts).
 */
export class OpenWindows {
  private list: Int32Array = new Int32Array(64);
  /** per slot: 1 while in the set (0: neither window can overlap a frame still to be delivered) */
  readonly member: Uint8Array;
  count = 0;

  constructor(devices: number) {
    this.member = new Uint8Array(devices);
  }

  /** The windows of the device in slot i were just set or stretched. */
  add(i: number): void {
    if (this.member[i] === 1) return;
    this.member[i] = 1;
    if (this.count === this.list.length) {
      const grown = new Int32Array(this.list.length * 2);
      grown.set(this.list);
      this.list = grown;
    }
    this.list[this.count++] = i;
  }

  /** The slot of the k-th device of the set (0 <= k < count; the order changes when `prune` removes some). */
  at(k: number): number {
    return this.list[k];
  }

  /** Removes the devices whose windows (by slot) both closed at or before `beforeUs`. */
  prune(beforeUs: number, deafToUs: Float64Array, rx1ToUs: Float64Array): void {
    let k = 0;
    for (let j = 0; j < this.count; j++) {
      const i = this.list[j];
      if (deafToUs[i] > beforeUs || rx1ToUs[i] > beforeUs) this.list[k++] = i;
      else this.member[i] = 0;
    }
    this.count = k;
  }
}
