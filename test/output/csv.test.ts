import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/output/format.js';
import { devicesCsv, nodeName, summaryCsv, transmissionsCsv, transmissionsCsvChunks } from '../../src/output/csv.js';
import { TX_KINDS, type TransmissionTable } from '../../src/sim/types.js';
import { sampleResult } from './sampleResult.js';

describe('devices.csv', () => {
  it('writes the contract columns with exact values, empty cells for never-decoded devices', () => {
    expect(devicesCsv(sampleResult().devices)).toBe(
      'device,x,y,gateway,rssiDbm,snrDb,fragmentsReceived,fragmentsNeeded,decodedAtS,status,energyJ,energyRxJ,energyTxJ,energySleepJ,energyStandbyJ,energyStoreJ,energyVerifyJ,energyApplyJ,reason\n' +
        '0,0,0,0,-80.123457,9.5,6,5,5.5,Successful,0.1,0.08,0.01,0.01,0,0,0,0,\n' +
        '1,100.5,-20,0,-95,2,3,,,MissingFrag,0.07,0.05,0.01,0.01,0,0,0,0,missingFragments\n' +
        '2,-250,300.25,1,-110.5,-7.25,5,5,7.000001,Successful,0.2,0.15,0.03,0.02,0,0,0,0,\n',
    );
  });
});

describe('transmissions.csv', () => {
  it('encodes node as gw-<i>/dev-<i>, kind by name and an empty fragmentIndex for non-fragments', () => {
    expect(transmissionsCsv(sampleResult().transmissions)).toBe(
      'startUs,airtimeUs,node,kind,frequencyHz,dr,sf,bwHz,phyPayloadBytes,fragmentIndex\n' +
        '1000000,394496,gw-0,fragment,869525000,5,7,125000,216,1\n' +
        '2000000,394496,gw-1,fragment,869525000,5,7,125000,216,2\n' +
        '2500000,61696,dev-2,uplink,868100000,5,7,125000,23,\n',
    );
    expect([nodeName(0), nodeName(12), nodeName(-1), nodeName(-101)]).toEqual(['gw-0', 'gw-12', 'dev-0', 'dev-100']);
  });

  it('streams large tables in chunks whose concatenation has one line per frame', () => {
    const n = 10_000;
    const t: TransmissionTable = {
      count: n,
      startUs: Float64Array.from({ length: n }, (_, i) => i * 1000),
      airtimeUs: new Float64Array(n).fill(61696),
      node: Int32Array.from({ length: n }, (_, i) => (i % 2 ? -1 - i : i % 3)),
      kind: Uint8Array.from({ length: n }, (_, i) => i % TX_KINDS.length),
      frequencyHz: new Float64Array(n).fill(868_100_000),
      dr: new Uint8Array(n).fill(5),
      sf: new Uint8Array(n).fill(7),
      bwHz: new Float64Array(n).fill(125_000),
      phyPayloadBytes: new Uint16Array(n).fill(23),
      fragmentIndex: Uint16Array.from({ length: n }, (_, i) => i % 7),
    };
    const chunks = [...transmissionsCsvChunks(t)];
    expect(chunks.length).toBeGreaterThan(2);
    const lines = chunks.join('').split('\n');
    expect(lines).toHaveLength(n + 2); // header + rows + final empty string
    expect(lines[n]).toBe('9999000,61696,dev-9999,status,868100000,5,7,125000,23,3');
  });

  it('writes the same text csv-stringify would for any table', () => {
    const row = fc.record({
      startUs: fc.integer({ min: 0, max: 2 ** 40 }),
      airtimeUs: fc.double({ min: 0, max: 5e6, noNaN: true }),
      node: fc.integer({ min: -100_000, max: 100 }),
      kind: fc.integer({ min: 0, max: TX_KINDS.length - 1 }),
      frag: fc.integer({ min: 0, max: 16383 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), (rows) => {
        const n = rows.length;
        const t: TransmissionTable = {
          count: n,
          startUs: Float64Array.from(rows, (r) => r.startUs),
          airtimeUs: Float64Array.from(rows, (r) => r.airtimeUs),
          node: Int32Array.from(rows, (r) => r.node),
          kind: Uint8Array.from(rows, (r) => r.kind),
          frequencyHz: new Float64Array(n).fill(923_200_000),
          dr: new Uint8Array(n).fill(2),
          sf: new Uint8Array(n).fill(10),
          bwHz: new Float64Array(n).fill(125_000),
          phyPayloadBytes: new Uint16Array(n).fill(51),
          fragmentIndex: Uint16Array.from(rows, (r) => r.frag),
        };
        const expected = stringify([
          ['startUs', 'airtimeUs', 'node', 'kind', 'frequencyHz', 'dr', 'sf', 'bwHz', 'phyPayloadBytes', 'fragmentIndex'],
          ...rows.map((r) => [
            String(r.startUs), formatNumber(r.airtimeUs),
            nodeName(r.node), TX_KINDS[r.kind], '923200000', '2', '10', '125000', '51', r.frag === 0 ? '' : String(r.frag),
          ]),
        ]);
        expect(transmissionsCsv(t)).toBe(expected);
      }),
    );
  });
});

describe('summary.csv', () => {
  it('quotes values that need it and leaves missing values empty', () => {
    const text = summaryCsv(
      [{ 'fuotaTask.redundancyPercent': 10, label: 'a,b', timeTo90S: null, updatedRatio: 2 / 3 }],
      ['label', 'fuotaTask.redundancyPercent', 'timeTo90S', 'updatedRatio'],
    );
    expect(text).toBe('label,fuotaTask.redundancyPercent,timeTo90S,updatedRatio\n"a,b",10,,0.666667\n');
  });
});
