/**
 * Map of the fleet in metres (equal scale on both axes): devices coloured by status, or updated
 * devices coloured by decode time with the others marked by status; gateways as black triangles.
 * Large fleets are thinned to every k-th device (said in the subtitle) so the page stays light.
 */
import { groupDigits, roundNumber } from '../format.js';
import { frame, inUnit, statusScale, timeUnitFor, type VlSpec } from './theme.js';

export interface DeviceMapInput {
  xM: ArrayLike<number>;
  yM: ArrayLike<number>;
  status: ArrayLike<string>;
  /** seconds from campaign start; null/NaN when never */
  decodedAtS: ArrayLike<number | null>;
}

export interface DeviceMapOptions {
  colorBy?: 'status' | 'decodeTime';
  /** most devices drawn (default 5000) */
  maxPoints?: number;
  title?: string;
}

const MAP_WIDTH = 560;

export function deviceMap(devices: DeviceMapInput, gatewaysM: Array<[number, number]>, opts: DeviceMapOptions = {}): VlSpec {
  const n = devices.xM.length;
  const stride = Math.max(1, Math.ceil(n / (opts.maxPoints ?? 5000)));
  const colorBy = opts.colorBy ?? 'decodeTime';
  let maxDecodeS = 0;
  for (let i = 0; i < n; i++) {
    const t = devices.decodedAtS[i];
    if (t !== null && Number.isFinite(t) && t > maxDecodeS) maxDecodeS = t;
  }
  const unit = timeUnitFor(maxDecodeS);
  const rows: Array<Record<string, unknown>> = [];
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  const extend = (x: number, y: number): void => {
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  };
  for (let i = 0; i < n; i += stride) {
    const t = devices.decodedAtS[i];
    const decoded = t !== null && Number.isFinite(t) && devices.status[i] === 'Successful';
    rows.push({ device: i, x: devices.xM[i], y: devices.yM[i], status: devices.status[i], t: decoded ? inUnit(t, unit) : null });
    extend(devices.xM[i], devices.yM[i]);
  }
  for (const [x, y] of gatewaysM) extend(x, y);
  if (!(x1 >= x0)) [x0, x1, y0, y1] = [-1, 1, -1, 1];
  const pad = Math.max(x1 - x0, y1 - y0, 1) * 0.05;
  const xDomain = [roundNumber(x0 - pad), roundNumber(x1 + pad)];
  const yDomain = [roundNumber(y0 - pad), roundNumber(y1 + pad)];
  const aspect = (y1 - y0 + 2 * pad) / (x1 - x0 + 2 * pad);
  const height = Math.round(Math.min(640, Math.max(240, MAP_WIDTH * aspect)));
  const width = Math.round(Math.min(MAP_WIDTH, height / aspect));
  const x = { field: 'x', type: 'quantitative', title: 'x (m)', scale: { domain: xDomain, nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative', title: 'y (m)', scale: { domain: yDomain, nice: false, zero: false } };
  const size = rows.length > 2000 ? 10 : rows.length > 300 ? 22 : 45;
  const tooltip = [
    { field: 'device', type: 'quantitative', title: 'Device' },
    { field: 'status', type: 'nominal', title: 'Status' },
    { field: 't', type: 'quantitative', title: `Updated after (${unit.unit})`, format: ',.2f' },
    { field: 'x', type: 'quantitative', title: 'x (m)', format: ',.0f' },
    { field: 'y', type: 'quantitative', title: 'y (m)', format: ',.0f' },
  ];
  const shown = rows.filter((r) => colorBy === 'status' || r.t === null).map((r) => String(r.status));
  const statusColor = { field: 'status', type: 'nominal', title: 'Status', scale: statusScale(shown) };
  const deviceLayers: VlSpec[] =
    colorBy === 'status'
      ? [{ mark: { type: 'circle', size, opacity: 0.8, aria: false }, encoding: { x, y, color: statusColor, tooltip } }]
      : [
          {
            transform: [{ filter: 'isValid(datum.t)' }],
            mark: { type: 'circle', size, opacity: 0.85, aria: false },
            encoding: {
              x, y, tooltip,
              color: { field: 't', type: 'quantitative', title: `Updated after (${unit.unit})`, scale: { scheme: { name: 'blues', extent: [0.35, 1] } } },
            },
          },
          {
            transform: [{ filter: '!isValid(datum.t)' }],
            mark: { type: 'point', shape: 'cross', size: size * 1.6, filled: true, opacity: 0.9, aria: false },
            encoding: { x, y, tooltip, color: { ...statusColor, title: 'Not updated' } },
          },
        ];
  const gateways = gatewaysM.map(([gx, gy], g) => ({ gateway: `gw-${g}`, x: gx, y: gy }));
  const sampled = stride > 1 ? `; every ${stride}th of ${groupDigits(n)} devices shown` : '';
  const subtitle = colorBy === 'status' ? `Devices coloured by final status${sampled}` : `Updated devices coloured by decode time, others by status${sampled}`;
  return {
    ...frame(opts.title ?? 'Devices and gateways', `${subtitle}; ▲ = gateway`, { width, height }),
    layer: [
      { data: { values: rows }, layer: deviceLayers },
      {
        data: { values: gateways },
        layer: [
          {
            mark: { type: 'point', shape: 'triangle-up', size: 220, filled: true, color: '#1F2328', stroke: 'white', strokeWidth: 1.5, opacity: 1 },
            encoding: { x, y, tooltip: [{ field: 'gateway', type: 'nominal', title: 'Gateway' }] },
          },
          {
            mark: { type: 'text', dy: -15, fontSize: 11, fontWeight: 600, color: '#1F2328', stroke: 'white', strokeWidth: 3, strokeOpacity: 0.8 },
            encoding: { x, y, text: { field: 'gateway' } },
          },
          { mark: { type: 'text', dy: -15, fontSize: 11, fontWeight: 600, color: '#1F2328' }, encoding: { x, y, text: { field: 'gateway' } } },
        ],
      },
    ],
    resolve: { scale: { color: 'independent' } },
  };
}
