/**
 * Map of the fleet in metres (equal scale on both axes): devices coloured by status, or updated
 * devices coloured by when they rebuilt the image (minutes or hours since the session started)
 * with the others marked by status; gateways as black triangles. Statuses keep their colours and
 * group shapes everywhere (theme.ts), and the legend counts the devices of each status. Large
 * fleets are thinned to every k-th device (said in the subtitle) so the page stays light.
 */
import { groupDigits, roundNumber } from '../format.js';
import { durationAxis, frame, statusScale, type DurationAxis, type VlSpec } from './theme.js';

export interface DeviceMapInput {
  xM: ArrayLike<number>;
  yM: ArrayLike<number>;
  status: ArrayLike<string>;
  /** seconds from campaign start; null/NaN when never */
  decodedAtS: ArrayLike<number | null>;
}

export interface DeviceMapOptions {
  colorBy?: 'status' | 'decodeTime';
  /** decode times are shown from this time (s from the campaign start, the session start); default 0 */
  originS?: number | null;
  /** most devices drawn (default 5000) */
  maxPoints?: number;
  title?: string;
}

const MAP_WIDTH = 560;
const MAP_MIN = 240;
const MAP_MAX = 640;

/**
 * Plot size and axis domains with one metre the same length on both axes: 5 % margin around the
 * points, the frame kept between 240 and 640 px by widening the shorter domain about its centre.
 */
export function equalScaleFrame(x0: number, x1: number, y0: number, y1: number) {
  const pad = Math.max(x1 - x0, y1 - y0, 1) * 0.05;
  let xs = x1 - x0 + 2 * pad;
  let ys = y1 - y0 + 2 * pad;
  let width = MAP_WIDTH;
  let height = (width * ys) / xs;
  if (height < MAP_MIN) {
    height = MAP_MIN;
    ys = (xs * height) / width;
  } else if (height > MAP_MAX) {
    height = MAP_MAX;
    width = (height * xs) / ys;
    if (width < MAP_MIN) {
      width = MAP_MIN;
      xs = (ys * width) / height;
    }
  }
  const [cx, cy] = [(x0 + x1) / 2, (y0 + y1) / 2];
  const domain = (c: number, span: number) => [roundNumber(c - span / 2), roundNumber(c + span / 2)];
  return { width: Math.round(width), height: Math.round(height), xDomain: domain(cx, xs), yDomain: domain(cy, ys) };
}

interface MapRow {
  device: number;
  x: number;
  y: number;
  status: string;
  /** decode time in the plot's unit; null when the device did not update */
  t: number | null;
}

/** Every `stride`-th device as a plot row, with the bounding box of those rows and the gateways. */
function mapRows(devices: DeviceMapInput, gatewaysM: Array<[number, number]>, stride: number, axis: DurationAxis, originS: number) {
  const rows: MapRow[] = [];
  const box = { x0: Infinity, x1: -Infinity, y0: Infinity, y1: -Infinity };
  const extend = (x: number, y: number): void => {
    [box.x0, box.x1, box.y0, box.y1] = [Math.min(box.x0, x), Math.max(box.x1, x), Math.min(box.y0, y), Math.max(box.y1, y)];
  };
  for (let i = 0; i < devices.xM.length; i += stride) {
    const t = devices.decodedAtS[i];
    const updated = t !== null && Number.isFinite(t) && devices.status[i] === 'Successful';
    rows.push({ device: i, x: devices.xM[i], y: devices.yM[i], status: devices.status[i], t: updated ? axis.value(t - originS) : null });
    extend(devices.xM[i], devices.yM[i]);
  }
  for (const [x, y] of gatewaysM) extend(x, y);
  if (!(box.x1 >= box.x0)) Object.assign(box, { x0: -1, x1: 1, y0: -1, y1: 1 });
  return { rows, box };
}

function maxFinite(values: ArrayLike<number | null>, originS: number): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v !== null && Number.isFinite(v) && v - originS > max) max = v - originS;
  }
  return max;
}

/** Devices whose status is Successful. */
function countUpdated(devices: DeviceMapInput): number {
  let n = 0;
  for (let i = 0; i < devices.status.length; i++) if (devices.status[i] === 'Successful') n++;
  return n;
}

/** Status colour and shape scales for the statuses of `all`, with the number of devices of each in the legend labels. */
function statusEncodings(title: string, all: ArrayLike<string>, rows: readonly MapRow[]): { color: VlSpec; shape: VlSpec } {
  const counts = new Map<string, number>();
  for (let i = 0; i < all.length; i++) counts.set(all[i], (counts.get(all[i]) ?? 0) + 1);
  const scale = statusScale(rows.map((r) => r.status));
  const labels = Object.fromEntries(scale.domain.map((st) => [st, `${st} (${groupDigits(counts.get(st) ?? 0)})`]));
  const legend = { labelExpr: `${JSON.stringify(labels)}[datum.label] || datum.label`, labelLimit: 280 };
  return {
    color: { field: 'status', type: 'nominal', title, scale: { domain: scale.domain, range: scale.range }, legend },
    shape: { field: 'status', type: 'nominal', title, scale: { domain: scale.domain, range: scale.shapes }, legend },
  };
}

export function deviceMap(devices: DeviceMapInput, gatewaysM: Array<[number, number]>, opts: DeviceMapOptions = {}): VlSpec {
  const n = devices.xM.length;
  const stride = Math.max(1, Math.ceil(n / (opts.maxPoints ?? 5000)));
  const colorBy = opts.colorBy ?? 'decodeTime';
  const originS = opts.originS ?? 0;
  const origin = opts.originS === null || opts.originS === undefined ? 'campaign' : 'session';
  const axis = durationAxis(maxFinite(devices.decodedAtS, originS), `Rebuilt, time since ${origin} start`);
  const { rows, box } = mapRows(devices, gatewaysM, stride, axis, originS);
  const { width, height, xDomain, yDomain } = equalScaleFrame(box.x0, box.x1, box.y0, box.y1);
  const x = { field: 'x', type: 'quantitative', title: 'x (m)', scale: { domain: xDomain, nice: false, zero: false } };
  const y = { field: 'y', type: 'quantitative', title: 'y (m)', scale: { domain: yDomain, nice: false, zero: false } };
  const size = rows.length > 2000 ? 10 : rows.length > 300 ? 22 : 45;
  const tooltip = [
    { field: 'device', type: 'quantitative', title: 'Device' },
    { field: 'status', type: 'nominal', title: 'Status' },
    { field: 't', type: 'quantitative', title: `Rebuilt after ${origin} start (${axis.unit})`, format: ',.2f' },
    { field: 'x', type: 'quantitative', title: 'x (m)', format: ',.0f' },
    { field: 'y', type: 'quantitative', title: 'y (m)', format: ',.0f' },
  ];
  const deviceLayers: VlSpec[] = [];
  if (colorBy === 'status') {
    const { color, shape } = statusEncodings('Status (devices)', devices.status, rows);
    deviceLayers.push({ mark: { type: 'point', filled: true, size, opacity: 0.85, aria: false }, encoding: { x, y, color, shape, tooltip } });
  } else {
    const updated = groupDigits(countUpdated(devices));
    const color = { field: 't', type: 'quantitative', title: [`Updated (${updated}): rebuilt`, `after the ${origin} start (${axis.unit})`], scale: { scheme: { name: 'blues', extent: [0.35, 1] } } };
    deviceLayers.push({ transform: [{ filter: 'isValid(datum.t)' }], mark: { type: 'circle', size, opacity: 0.85, aria: false }, encoding: { x, y, color, tooltip } });
    const notUpdated = rows.filter((r) => r.t === null);
    if (notUpdated.length > 0) {
      const { color: byStatus, shape } = statusEncodings('Not updated (devices)', devices.status, notUpdated);
      deviceLayers.push({
        transform: [{ filter: '!isValid(datum.t)' }],
        mark: { type: 'point', filled: true, size: size * 1.6, opacity: 0.9, aria: false },
        encoding: { x, y, tooltip, color: byStatus, shape },
      });
    }
  }
  const gateways = gatewaysM.map(([gx, gy], g) => ({ gateway: `gw-${g}`, x: gx, y: gy }));
  const label = { type: 'text', dy: -15, fontSize: 11, fontWeight: 600, color: '#1F2328' };
  const sampled = stride > 1 ? `; 1 in ${stride} of ${groupDigits(n)} devices shown` : '';
  const subtitle = colorBy === 'status' ? 'Devices coloured by final status' : `Updated devices coloured by when they rebuilt the image (since the ${origin} start), others by status`;
  return {
    ...frame(opts.title ?? 'Devices and gateways', `${subtitle}${sampled}; ▲ = gateway`, { width, height }),
    layer: [
      { data: { values: rows }, layer: deviceLayers, resolve: { scale: { color: 'independent', shape: 'independent' } } },
      {
        data: { values: gateways },
        layer: [
          {
            mark: { type: 'point', shape: 'triangle-up', size: 220, filled: true, color: '#1F2328', stroke: 'white', strokeWidth: 1.5, opacity: 1 },
            encoding: { x, y, tooltip: [{ field: 'gateway', type: 'nominal', title: 'Gateway' }] },
          },
          // the label twice: a white halo under the text keeps it readable over dense points
          { mark: { ...label, stroke: 'white', strokeWidth: 3, strokeOpacity: 0.8 }, encoding: { x, y, text: { field: 'gateway' } } },
          { mark: label, encoding: { x, y, text: { field: 'gateway' } } },
        ],
      },
    ],
    resolve: { scale: { color: 'independent', shape: 'independent' } },
  };
}
