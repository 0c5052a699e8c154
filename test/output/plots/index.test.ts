import { describe, expect, it } from 'vitest';
import { plotDataFromResult } from '../../../src/output/plotData.js';
import { runPlots } from '../../../src/output/plots/index.js';
import { compileVegaLite } from '../../../src/output/svg.js';
import { sampleResult, syntheticResult } from '../sampleResult.js';

describe('the plots of a run', () => {
  it('are the completion, duty-cycle, energy, map and timeline plots, each explained and warning-free', () => {
    const plots = runPlots(plotDataFromResult(syntheticResult(300)));
    expect(plots.map((p) => p.name)).toEqual(['completion', 'dutycycle', 'energy', 'device-map', 'timeline']);
    for (const p of plots) {
      expect(p.description.length).toBeGreaterThan(60);
      expect(compileVegaLite(p.spec).warnings, p.name).toEqual([]);
    }
  });

  it('leave out the device plots without device rows and the duty-cycle plot without airtime series', () => {
    const result = sampleResult();
    result.scenario.outputs.devices = false;
    result.dutyCycle.series = [];
    expect(runPlots(plotDataFromResult(result)).map((p) => p.name)).toEqual(['completion', 'timeline']);
  });
});
