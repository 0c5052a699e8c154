/**
 * Growable column store of every radio frame of a run (transmissions.csv), with running totals of
 * airtime per direction. Appending allocates nothing except when a column doubles.
 */
import { TX_KINDS, type TransmissionTable, type TxKind } from './types.js';

export class TxLog {
  /** rows kept (false: only the airtime totals are kept, for runs without a transmissions file) */
  constructor(readonly keepRows = true) {}
  count = 0;
  downlinkAirtimeUs = 0;
  uplinkAirtimeUs = 0;
  private startUs = new Float64Array(1024);
  private airtimeUs = new Float64Array(1024);
  private node = new Int32Array(1024);
  private kind = new Uint8Array(1024);
  private frequencyHz = new Float64Array(1024);
  private dr = new Uint8Array(1024);
  private sf = new Uint8Array(1024);
  private bwHz = new Float64Array(1024);
  private phyPayloadBytes = new Uint16Array(1024);
  private fragmentIndex = new Uint16Array(1024);

  /** node >= 0: gateway id; node < 0: device -(node) - 1. Returns the row index. */
  add(startUs: number, airtimeUs: number, node: number, kind: TxKind, frequencyHz: number, dr: number, sf: number, bwHz: number, phyPayloadBytes: number, fragmentIndex = 0): number {
    if (node >= 0) this.downlinkAirtimeUs += airtimeUs;
    else this.uplinkAirtimeUs += airtimeUs;
    if (!this.keepRows) return -1;
    if (this.count === this.startUs.length) this.grow();
    const i = this.count++;
    this.startUs[i] = startUs;
    this.airtimeUs[i] = airtimeUs;
    this.node[i] = node;
    this.kind[i] = KIND_INDEX[kind];
    this.frequencyHz[i] = frequencyHz;
    this.dr[i] = dr;
    this.sf[i] = sf;
    this.bwHz[i] = bwHz;
    this.phyPayloadBytes[i] = phyPayloadBytes;
    this.fragmentIndex[i] = fragmentIndex;
    return i;
  }

  /**
   * The rows in time order. Frames are logged when they start, in event order, so the log is
   * normally sorted already and is returned without copying; otherwise it is sorted by
   * (start, node, insertion).
   */
  table(): TransmissionTable {
    const n = this.count;
    let sorted = true;
    for (let i = 1; i < n && sorted; i++) sorted = this.startUs[i - 1] <= this.startUs[i];
    if (sorted) {
      return {
        count: n,
        startUs: this.startUs.subarray(0, n),
        airtimeUs: this.airtimeUs.subarray(0, n),
        node: this.node.subarray(0, n),
        kind: this.kind.subarray(0, n),
        frequencyHz: this.frequencyHz.subarray(0, n),
        dr: this.dr.subarray(0, n),
        sf: this.sf.subarray(0, n),
        bwHz: this.bwHz.subarray(0, n),
        phyPayloadBytes: this.phyPayloadBytes.subarray(0, n),
        fragmentIndex: this.fragmentIndex.subarray(0, n),
      };
    }
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => this.startUs[a] - this.startUs[b] || this.node[a] - this.node[b] || a - b);
    const pick64 = (src: Float64Array) => Float64Array.from(order, (i) => src[i]);
    return {
      count: n,
      startUs: pick64(this.startUs),
      airtimeUs: pick64(this.airtimeUs),
      node: Int32Array.from(order, (i) => this.node[i]),
      kind: Uint8Array.from(order, (i) => this.kind[i]),
      frequencyHz: pick64(this.frequencyHz),
      dr: Uint8Array.from(order, (i) => this.dr[i]),
      sf: Uint8Array.from(order, (i) => this.sf[i]),
      bwHz: pick64(this.bwHz),
      phyPayloadBytes: Uint16Array.from(order, (i) => this.phyPayloadBytes[i]),
      fragmentIndex: Uint16Array.from(order, (i) => this.fragmentIndex[i]),
    };
  }

  private grow(): void {
    const c = this.startUs.length * 2;
    const g = <T extends Float64Array | Int32Array | Uint8Array | Uint16Array>(x: T, make: (n: number) => T): T => {
      const y = make(c);
      y.set(x);
      return y;
    };
    this.startUs = g(this.startUs, (n) => new Float64Array(n));
    this.airtimeUs = g(this.airtimeUs, (n) => new Float64Array(n));
    this.node = g(this.node, (n) => new Int32Array(n));
    this.kind = g(this.kind, (n) => new Uint8Array(n));
    this.frequencyHz = g(this.frequencyHz, (n) => new Float64Array(n));
    this.dr = g(this.dr, (n) => new Uint8Array(n));
    this.sf = g(this.sf, (n) => new Uint8Array(n));
    this.bwHz = g(this.bwHz, (n) => new Float64Array(n));
    this.phyPayloadBytes = g(this.phyPayloadBytes, (n) => new Uint16Array(n));
    this.fragmentIndex = g(this.fragmentIndex, (n) => new Uint16Array(n));
  }
}

const KIND_INDEX: Record<TxKind, number> = Object.fromEntries(TX_KINDS.map((k, i) => [k, i])) as Record<TxKind, number>;
