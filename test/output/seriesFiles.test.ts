import { describe, expect, it } from 'vitest';
import { plotDataFromResult } from '../../src/output/plotData.js';
import { dutyCycleCsv, parseDutyCycleCsv, seriesJson } from '../../src/output/seriesFiles.js';
import { sampleResult, syntheticResult } from './sampleResult.js';

describe('series.json and dutycycle.csv', () => {
  it('give back the duty-cycle series they were written from', () => {
    const data = plotDataFromResult(syntheticResult(50));
    expect(parseDutyCycleCsv(dutyCycleCsv(data))).toEqual(data.dutyCycle.series);
  });

  it('keep an unknown limit as an empty cell and quote awkward sub-band names', () => {
    const data = plotDataFromResult(sampleResult());
    data.dutyCycle.series[0] = { ...data.dutyCycle.series[0], subBand: 'a,b', limit: null };
    const text = dutyCycleCsv(data);
    expect(text.split('\n')[1]).toBe('0,"a,b",,0,0.394496');
    expect(parseDutyCycleCsv(text)[0]).toEqual(data.dutyCycle.series[0]);
  });

  it('store the completion steps, the phases and the bin width', () => {
    const data = plotDataFromResult(sampleResult());
    expect(JSON.parse(seriesJson(data))).toEqual({ completion: data.completion, phases: data.phases, dutyCycleBinS: 5 });
  });
});
