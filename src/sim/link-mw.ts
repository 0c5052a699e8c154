/**
 * Per link (device × gateway), the mW value Math.pow(10, dBm / 10) of a power fixed for the whole
 * run (no fading, fixed EIRP), kept once worked out: capture tests against many interferers need
 * the same values again and again, and Math.pow is most of their cost. The value is the one the
 * caller would work out itself, so results do not change. The table (8 bytes per link) is allocated
 * at the first use, and only up to MAX_LINK_MW_LINKS links (1 GiB; the memory estimate,
 * scenario/limits.ts, allows 48 bytes per link): a million devices under 100 gateways are 10^8
 * links. Beyond, every value is worked out each time.
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
      t = this.table = new Float64Array(this.links).fill(NaN);
    }
    let v = t[link];
    if (v !== v) v = t[link] = Math.pow(10, this.dbmOf(link) / 10);
    return v;
  }
}
