import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/output/plots/bins.js';
import { energyPerDevice } from '../../../src/output/plots/energyPerDevice.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';
import { layers, rows } from './specData.js';

const energies = Array.from({ length: 500 }, (_, i) => 0.5 + ((i * 37) % 100) / 400); // 0.5 .. 0.7475 J

describe('energyPerDevice', () => {
  it('draws one bar per histogram bin and a dashed mean line, in mJ below 1 J', async () => {
    const spec = energyPerDevice([{ label: 'ClassC', energyJ: energies }]);
    expect(compileVegaLite(spec).warnings).toEqual([]);
    const bins = rows(layers(spec)[0]);
    expect(bins.reduce((n, b) => n + (b.count as number), 0)).toBe(500);
    expect(bins[0]).toMatchObject({ group: 'ClassC', start: 500, end: 510, count: 20 }); // 0.5–0.51 J in mJ: i·37 mod 100 in 0..3, 5 times each
    const mean = rows(layers(spec).find((l) => JSON.stringify(l.data ?? '').includes('mean')) as Record<string, unknown>);
    expect(mean).toEqual([{ group: 'ClassC', mean: 623.75, label: 'mean 624 mJ' }]);
    const svg = await renderSvg(spec);
    expect(svgTitle(svg)).toBe('Energy per device');
    expect(countMarks(svg, 'rect')).toBe(histogram(energies).length);
    expect(countMarks(svg, 'rule')).toBe(1);
    expect(svg).toContain('Energy per device (mJ)');
    expect(svg).toContain('mean 624 mJ'); // mean of the values above
  });

  it('draws one ECDF line per group when there are several', async () => {
    const spec = energyPerDevice([
      { label: 'ClassB', energyJ: energies.map((e) => e * 3) },
      { label: 'ClassC', energyJ: energies.map((e) => e * 4) },
    ]);
    const ecdf = rows(layers(spec)[0]);
    expect(ecdf.filter((r) => r.group === 'ClassB').at(-1)).toMatchObject({ share: 1, energy: 2.2425 }); // the largest, 0.7475 J × 3
    expect(ecdf.filter((r) => r.group === 'ClassC')[0]).toMatchObject({ energy: 2 });
    const svg = await renderSvg(spec);
    expect(countMarks(svg, 'line')).toBe(2);
    expect(countMarks(svg, 'rule')).toBe(2);
    expect(svg).toContain('Energy per device (J)');
    expect(svg).toContain('ClassB');
  });
});
