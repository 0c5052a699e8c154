import { describe, expect, it } from 'vitest';
import { plotDataFromResult } from '../../src/output/plotData.js';
import { plotFiles } from '../../src/output/plotFiles.js';
import { sampleResult } from './sampleResult.js';

const result = sampleResult();
const data = plotDataFromResult(result);

describe('plot files of a run', () => {
  it('are a spec and an SVG per plot, then the report, for the svg format', async () => {
    const names = (await plotFiles(result, data, { format: 'svg', report: true })).map(([n]) => n);
    expect(names).toEqual([
      'completion.vl.json', 'completion.svg', 'dutycycle.vl.json', 'dutycycle.svg', 'energy.vl.json', 'energy.svg',
      'device-map.vl.json', 'device-map.svg', 'timeline.vl.json', 'timeline.svg', 'report.html',
    ]);
  });

  it('are only the specs for the vl format, only the report without a format, and nothing when both are off', async () => {
    expect((await plotFiles(result, data, { format: 'vl', report: false })).map(([n]) => n)).toEqual([
      'completion.vl.json', 'dutycycle.vl.json', 'energy.vl.json', 'device-map.vl.json', 'timeline.vl.json',
    ]);
    expect((await plotFiles(result, data, { format: null, report: true })).map(([n]) => n)).toEqual(['report.html']);
    expect(await plotFiles(result, data, { format: null, report: false })).toEqual([]);
  });

  it('write specs with rounded numbers that parse as vega-lite v6', async () => {
    const [[, text]] = await plotFiles(result, data, { format: 'vl', report: false });
    const spec = JSON.parse(String(text));
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    // the upper panel counts from the session start, which here is the campaign start
    expect(spec.vconcat[0].data.values[1]).toMatchObject({ series: 'ClassC', t: 5.5, share: 0.333333 });
  });
});
