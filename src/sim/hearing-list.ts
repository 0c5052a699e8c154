/**
 * Per device, the gateways its uplinks reach at or above the reception floor of its spreading
 * factor without fading, strongest first and equal powers in gateway order (uplinks.ts builds it,
 * UplinkRx.lock and the receivers read it); the other gateways can neither hear nor receive them.
 *
 * Laid out at a fixed stride: device d's count at `d * stride`, its gateways after it. An uplink
 * starts and ends at a device drawn anywhere in the fleet, so its list is a cache miss; at a fixed
 * stride it is one, where a table of offsets made it two in a row (the offset, then the list it
 * points to). The stride is a power of two while a list fits in a cache line, so a list never
 * straddles two lines there; ids take one byte up to 255 gateways, two beyond.
 */
export interface HearingList {
  /** numbers per device: its count, then room for the longest list */
  readonly stride: number;
  /** at d * stride: how many gateways hear device d; then they, strongest first */
  readonly lists: Uint8Array | Uint16Array;
}

const CACHE_LINE_BYTES = 64;

/**
 * The hearing lists of `devices` devices under `gateways` gateways: gateway g is in d's list when
 * powerDbm(d, g) >= floorDbm(d), strongest first, equal powers in gateway order.
 */
export function buildHearingList(devices: number, gateways: number, powerDbm: (d: number, g: number) => number, floorDbm: (d: number) => number): HearingList {
  // first pass: each device's list, sorted, one after the other
  const first = new Int32Array(devices + 1);
  const flat: number[] = [];
  const ids = new Int32Array(gateways);
  const pw = new Float64Array(gateways);
  let longest = 0;
  for (let d = 0; d < devices; d++) {
    first[d] = flat.length;
    const floor = floorDbm(d);
    let n = 0;
    for (let g = 0; g < gateways; g++) {
      const p = powerDbm(d, g);
      if (p < floor) continue;
      // strongest first, equal powers in gateway order (insertion keeps the earlier, lower g, first)
      let i = n++;
      while (i > 0 && pw[i - 1] < p) {
        ids[i] = ids[i - 1];
        pw[i] = pw[i - 1];
        i--;
      }
      ids[i] = g;
      pw[i] = p;
    }
    for (let i = 0; i < n; i++) flat.push(ids[i]);
    if (n > longest) longest = n;
  }
  first[devices] = flat.length;
  const bytes = gateways <= 255 ? 1 : 2;
  const perLine = CACHE_LINE_BYTES / bytes;
  const need = 1 + longest;
  let stride = 1;
  if (need <= perLine) while (stride < need) stride *= 2;
  else stride = Math.ceil(need / perLine) * perLine;
  const lists = bytes === 1 ? new Uint8Array(devices * stride) : new Uint16Array(devices * stride);
  for (let d = 0; d < devices; d++) {
    const at = d * stride;
    lists[at] = first[d + 1] - first[d];
    for (let h = first[d]; h < first[d + 1]; h++) lists[at + 1 + h - first[d]] = flat[h];
  }
  return { stride, lists };
}
