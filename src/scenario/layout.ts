/**
 * Deterministic gateway layouts for `gateways: { count, placement }` (no random draws, so adding
 * devices or changing the seed never moves a gateway):
 * - disc: one gateway at the centre; two or more evenly spaced on a circle of radius radiusM / 2;
 * - ring: evenly spaced on a circle of radius (minM + maxM) / 2;
 * - grid: a square grid of ceil(sqrt(count)) columns filled row by row (+x, then +y), centred.
 * On circles the first gateway is at angle 0 (the +x axis) and the others follow counter-clockwise.
 * Coordinates are rounded to the millimetre so that resolved files read cleanly.
 */
export type GatewayPlacement =
  | { kind: 'disc'; radiusM: number; centerM: [number, number] }
  | { kind: 'ring'; minM: number; maxM: number; centerM: [number, number] }
  | { kind: 'grid'; spacingM: number; centerM: [number, number] };

const mm = (v: number): number => {
  const r = Math.round(v * 1000) / 1000;
  return r === 0 ? 0 : r; // no -0 in JSON
};

function onCircle(count: number, radiusM: number, [cx, cy]: [number, number]): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    const angle = (2 * Math.PI * i) / count;
    out.push([mm(cx + radiusM * Math.cos(angle)), mm(cy + radiusM * Math.sin(angle))]);
  }
  return out;
}

function onGrid(count: number, spacingM: number, [cx, cy]: [number, number]): Array<[number, number]> {
  const cols = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / cols);
  const x0 = cx - ((cols - 1) * spacingM) / 2;
  const y0 = cy - ((rows - 1) * spacingM) / 2;
  const out: Array<[number, number]> = [];
  for (let i = 0; i < count; i++) {
    out.push([mm(x0 + (i % cols) * spacingM), mm(y0 + Math.floor(i / cols) * spacingM)]);
  }
  return out;
}

/** The positions of `count` gateways laid out by `placement`, in metres. */
export function gatewayLayout(count: number, placement: GatewayPlacement): Array<[number, number]> {
  switch (placement.kind) {
    case 'disc':
      return count === 1
        ? [[mm(placement.centerM[0]), mm(placement.centerM[1])]]
        : onCircle(count, placement.radiusM / 2, placement.centerM);
    case 'ring':
      return onCircle(count, (placement.minM + placement.maxM) / 2, placement.centerM);
    case 'grid':
      return onGrid(count, placement.spacingM, placement.centerM);
  }
}
