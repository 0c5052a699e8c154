/**
 * Growable column store of every radio frame of a run (transmissions.csv), with running totals of
 * airtime per direction. Appending allocates nothing except when a column doubles.
 *
 * With `details` on (the `--pcap` capture) it also keeps, per frame, the device, the campaign
 * message and its argument (`detail`, TransmissionTable.detail); off, those columns do not exist and
 * `detail` returns at once.
 */
import { TX_KINDS, type FrameDetailColumns, type TransmissionTable, type TxKind } from './types.js';

const INITIAL_ROWS = 1024;

export class TxLog {
  constructor(
    /** rows kept (false: only the airtime totals are kept, for runs without a transmissions file) */
    readonly keepRows = true,
    /** also keep what each frame carried (device, message, argument); needs keepRows */
    readonly details = false,
  ) {
    if (details && !keepRows) throw new Error('internal: frame details need the rows kept');
    if (details) {
      this.device = new Int32Array(INITIAL_ROWS);
      this.msg = new Uint8Array(INITIAL_ROWS);
      this.arg = new Int32Array(INITIAL_ROWS);
    }
  }
  count = 0;
  downlinkAirtimeUs = 0;
  uplinkAirtimeUs = 0;
  private startUs = new Float64Array(INITIAL_ROWS);
  private airtimeUs = new Float64Array(INITIAL_ROWS);
  private node = new Int32Array(INITIAL_ROWS);
  private kind = new Uint8Array(INITIAL_ROWS);
  private frequencyHz = new Float64Array(INITIAL_ROWS);
  private dr = new Uint8Array(INITIAL_ROWS);
  private sf = new Uint8Array(INITIAL_ROWS);
  private bwHz = new Float64Array(INITIAL_ROWS);
  private phyPayloadBytes = new Uint16Array(INITIAL_ROWS);
  private fragmentIndex = new Uint16Array(INITIAL_ROWS);
  private device = new Int32Array(0);
  private msg = new Uint8Array(0);
  private arg = new Int32Array(0);

  /** node >= 0: gateway id; node < 0: device -(node) - 1. Returns the row index (-1 when rows are not kept). */
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
    if (this.details) this.device[i] = -1; // multicast or beacon unless `detail` says otherwise
    return i;
  }

  /** What row `row` (from `add`) carried: the device it was sent by or to, the message code, its argument. */
  detail(row: number, device: number, msg: number, arg = 0): void {
    if (!this.details || row < 0) return;
    this.device[row] = device;
    this.msg[row] = msg;
    this.arg[row] = arg;
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
        ...(this.details ? { detail: { device: this.device.subarray(0, n), msg: this.msg.subarray(0, n), arg: this.arg.subarray(0, n) } } : {}),
      };
    }
    const order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => this.startUs[a] - this.startUs[b] || this.node[a] - this.node[b] || a - b);
    const pick64 = (src: Float64Array) => Float64Array.from(order, (i) => src[i]);
    const detail: FrameDetailColumns | null = this.details
      ? { device: Int32Array.from(order, (i) => this.device[i]), msg: Uint8Array.from(order, (i) => this.msg[i]), arg: Int32Array.from(order, (i) => this.arg[i]) }
      : null;
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
      ...(detail ? { detail } : {}),
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
    if (!this.details) return;
    this.device = g(this.device, (n) => new Int32Array(n));
    this.msg = g(this.msg, (n) => new Uint8Array(n));
    this.arg = g(this.arg, (n) => new Int32Array(n));
  }
}

const KIND_INDEX: Record<TxKind, number> = Object.fromEntries(TX_KINDS.map((k, i) => [k, i])) as Record<TxKind, number>;
