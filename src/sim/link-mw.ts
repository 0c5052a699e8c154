/**
 * Per link (device × gateway), the mW value Math.pow(10, dBm / 10) of a power fixed for the whole
 * run (no fading, fixed EIRP), kept once worked out: capture tests against many interferers need
 * the same values again and again, and Math.pow is most of their cost. The value is the one the
 * caller would work out itself, so results do not change. The table (8 bytes per link) is allocated
 * at the first use, and only up to MAX_LINK_MW_LINKS links (1 GiB; the memory estimate,
 * scenario/limits.ts, allows 48 bytes per link): a million devices under 100 gateways are 10^8
 * links. Beyond, every value is worked out each time.
 *
 * 0 marks a value not worked out yet: a fresh Float64Array is all zeros, and the operating system
 * commits its pages only when they are first written, so links never asked cost no memory and the
 * table no fill (a NaN fill wrote all 800 MB of each table at a million devices under 100 gateways).
 * No physical power is 0 mW (it would take a loss of over 3 000 dB); a value that is 0 (a power of
 * −Infinity dBm) is worked out again at each ask, the same 0.
 */
export const MAX_LINK_MW_LINKS = 2 ** 27;

export class LinkMw {
  private table: Float64Array | null = null;

  constructor(
    /** the fixed power of each link, dBm */
    private readonly dbmOf: (link: number) => number,
    private readonly links: number,
  ) {}

  /** Math.pow(10, dbmOf(link) / 10). */
  mw(link: number): number {
    let t = this.table;
    if (t === null) {
      if (this.links > MAX_LINK_MW_LINKS) return Math.pow(10, this.dbmOf(link) / 10);
      t = this.table = new Float64Array(this.links);
    }
    let v = t[link];
    if (v === 0) v = t[link] = Math.pow(10, this.dbmOf(link) / 10);
    return v;
  }
}
