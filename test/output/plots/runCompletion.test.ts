import { describe, expect, it } from 'vitest';
import { fromSession, runCompletion, sessionPanelEndS, type RunCompletionInput } from '../../../src/output/plots/runCompletion.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks } from '../svgMarks.js';
import { encodingOf, layers, panels, rows } from './specData.js';

/** Setup 0–4 h, the session from 8 h, everyone rebuilt 70–75 min into it, the campaign over at 10 h. */
const input: RunCompletionInput = {
  name: 'town',
  dlClass: 'ClassC',
  devices: 4,
  completion: [{ timeS: 0, share: 0 }, { timeS: 33_000, share: 0.25 }, { timeS: 33_100, share: 0.5 }, { timeS: 33_200, share: 1 }, { timeS: 36_000, share: 1 }],
  phases: [
    { phase: 'setup', startS: 0, endS: 14_400 },
    { phase: 'distribution', startS: 28_800, endS: 33_600 },
    { phase: 'apply', startS: 33_000, endS: 36_000 },
  ],
  sessionStartS: 28_800,
  campaignDurationS: 36_000,
  timeTo90S: 33_200,
  timeTo95S: 33_200,
};

describe('the completion plot of a run', () => {
  it('shifts the curve to the session start', () => {
    expect(fromSession(input.completion, 28_800, 5000)).toEqual([
      { timeS: 0, share: 0 }, { timeS: 4200, share: 0.25 }, { timeS: 4300, share: 0.5 }, { timeS: 4400, share: 1 }, { timeS: 5000, share: 1 },
    ]);
  });

  it('ends the session panel a little after the later of the last step and the end of distribution', () => {
    expect(sessionPanelEndS(input)).toBeCloseTo(4800 * 1.08, 6);
    expect(sessionPanelEndS({ ...input, campaignDurationS: 33_900 })).toBe(5100); // never past the campaign's end
  });

  it('has a panel from the session start above one of the whole campaign, and says how long setup took', async () => {
    const spec = runCompletion(input);
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const [top, whole] = panels(spec);
    expect(encodingOf(top, 'line').x.title).toBe('Time since session start (min)');
    expect(rows(top).map((r) => [r.t, r.share])).toEqual([[0, 0], [70, 0.25], [71.666667, 0.5], [73.333333, 1], [86.4, 1]]);
    expect(encodingOf(whole, 'line').x.title).toBe('Time since campaign start (h)');
    const marks = layers(top).find((l) => JSON.stringify(l.data ?? '').includes('90 % after'));
    expect(rows(marks as Record<string, unknown>).map((r) => r.label)).toEqual(['90 % after 73.3 min', '95 % after 73.3 min']);
    expect(JSON.stringify(spec.title)).toContain('Setup took 4 h 00 min; the session started 8 h 00 min after the campaign start');
    // the upper panel's window, bracketed on the campaign panel
    expect(layers(whole).some((l) => JSON.stringify(l.data ?? '') === JSON.stringify({ values: [{ t0: 8, t1: 9.44 }] }))).toBe(true);
    const svg = await renderSvg(spec);
    expect(countMarks(svg, 'line')).toBe(2);
    expect(svg).toContain('90 % after 73.3 min');
  });

  it('is one campaign panel without a session', () => {
    const spec = runCompletion({ ...input, sessionStartS: null });
    expect(spec.vconcat).toBeUndefined();
    expect(encodingOf(spec, 'line').x.title).toBe('Time since campaign start (h)');
    expect(compileVegaLite(spec).warnings).toEqual([]);
  });
});
