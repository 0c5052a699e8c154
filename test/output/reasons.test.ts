/**
 * The lines that say why devices were not updated (output/reasons.ts): one per reason found, largest
 * first, each with its next step and the run's numbers for it.
 */
import { describe, expect, it } from 'vitest';
import { reasonLines, reasonsHtml } from '../../src/output/reasons.js';
import type { Reason, Summary } from '../../src/sim/types.js';
import { sampleScenario, sampleSummary } from './sampleResult.js';

const NONE: Record<Reason, number> = { deviceRefused: 0, noCoverage: 0, notConfirmed: 0, setupTooLate: 0, setupFailed: 0, outOfReach: 0, missingFragments: 0 };

function summary(reasons: Partial<Record<Reason, number>>, over: Partial<Summary> = {}): Summary {
  const base = sampleSummary();
  return { ...base, devices: 100, reasons: { ...NONE, ...reasons }, ...over };
}

describe('reasonLines', () => {
  const s = sampleScenario(); // EU868, DR5, 200 B fragments, 10 % redundancy

  it('gives one line per reason with devices, the largest first, with count and share', () => {
    const lines = reasonLines(summary({ noCoverage: 3, missingFragments: 12, setupFailed: 3 }, { redundancyNeededPercent: 25 }), s);
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^12 devices \(12 %\) in reach, but short of fragments/);
    expect(lines[1]).toMatch(/^3 devices \(3 %\) out of coverage/); // ties in REASONS order
    expect(lines[2]).toMatch(/^3 devices \(3 %\) given up during setup/);
    expect(reasonLines(summary({}), s)).toEqual([]);
  });

  it('names the redundancy to ask for, or says redundancy is not the answer', () => {
    expect(reasonLines(summary({ missingFragments: 1 }, { redundancyNeededPercent: 25 }), s)[0]).toContain('from 10 to about 25 %');
    expect(reasonLines(summary({ missingFragments: 1 }, { redundancyNeededPercent: 140 }), s)[0]).toContain('about 140 % redundancy, beyond the 100 % maximum');
    expect(reasonLines(summary({ missingFragments: 1 }, { redundancyNeededPercent: null }), s)[0]).toContain('held no fragment at all');
  });

  it('does not print an absurd redundancy for systematic losses, and points class B at its ping slots', () => {
    const line = reasonLines(summary({ missingFragments: 1 }, { redundancyNeededPercent: 32127 }), s)[0];
    expect(line).not.toContain('32127');
    expect(line).toContain('no redundancy would let them rebuild');
    expect(line).not.toContain('ping slot');
    const b = { ...s, multicastGroup: { ...s.multicastGroup, dlClass: 'ClassB' as const } };
    expect(reasonLines(summary({ missingFragments: 1 }, { redundancyNeededPercent: 1001 }), b)[0]).toContain('multicastGroup.pingSlotPeriod');
    expect(reasonLines(summary({ missingFragments: 1 }, { redundancyNeededPercent: 1000 }), b)[0]).toContain('about 1000 % redundancy');
  });

  it('names the data rate that reaches the devices out of reach, and the fragment size it carries', () => {
    const line = reasonLines(summary({ outOfReach: 4 }, { reachDr: 3, reachDrDevices: 4 }), s)[0];
    expect(line).toContain('out of reach of DR5 (SF7/125)');
    expect(line).toContain('use multicastGroup.dlDr 3 with fragments of at most 112 B — DR3 (SF9/125) reaches all of them');
    const some = reasonLines(summary({ outOfReach: 4 }, { reachDr: 0, reachDrDevices: 1 }), s)[0];
    expect(some).toContain('reaches 1 of them');
    expect(some).toContain('fragments of at most 48 B');
    expect(reasonLines(summary({ outOfReach: 4 }, { reachDr: null, reachDrDevices: null }), s)[0]).toContain('no slower data rate reaches them');
  });

  it('says how much later to book the session from the readiness figures', () => {
    const line = reasonLines(summary({ setupTooLate: 5 }, { sessionStartS: 1800, fleetReadyS: 4500, leadTimeFor95S: 3000 }), s)[0];
    expect(line).toContain('session started at 30.0 min: book it 45.0 min later — a lead of 75.0 min');
    expect(line).toContain('50.0 min sets up 95 % of them');
  });

  it('says when the run stopped before the reboots were confirmed', () => {
    const cut = reasonLines(summary({ notConfirmed: 2 }, { campaignDurationS: s.simulation.maxDurationS }), s)[0];
    expect(cut).toContain('simulation.maxDurationS');
    const heard = reasonLines(summary({ notConfirmed: 2 }, { campaignDurationS: 100 }), s)[0];
    expect(heard).toContain('setup.maxRetries (now 3)');
  });

  it('lists the device-side statuses behind the refusals', () => {
    const x = summary({ deviceRefused: 3 });
    x.statusCounts = { ...x.statusCounts, Not_enough_memory: 2, MICError: 1 };
    expect(reasonLines(x, s)[0]).toContain('refused by the device (Not_enough_memory 2, MICError 1)');
  });
});

describe('reasonsHtml', () => {
  it('is a section with the lines as a list, escaped, and nothing when every device was updated', () => {
    const x = summary({ noCoverage: 2 }, { statusCounts: { ...sampleSummary().statusCounts, Successful: 98 } });
    const html = reasonsHtml(x, sampleScenario());
    expect(html).toMatch(/^<section class="plot reasons"><h2>Why 2 devices were not updated<\/h2><ul><li>2 devices \(2 %\) out of coverage/);
    expect(html).not.toContain('<li></li>');
    expect(reasonsHtml(summary({}), sampleScenario())).toBe('');
  });
});
