import { describe, expect, it } from 'vitest';
import { histogram } from '../../../src/output/plots/bins.js';
import { energyPerDevice } from '../../../src/output/plots/energyPerDevice.js';
import { compileVegaLite, renderSvg } from '../../../src/output/svg.js';
import { countMarks, svgTitle } from '../svgMarks.js';

const energies = Array.from({ length: 500 }, (_, i) => 0.5 + ((i * 37) % 100) / 400); // 0.5 .. 0.7475 J

describe('energyPerDevice', () => {
  it('draws one bar per histogram bin and a dashed mean line, in mJ below 1 J', async () => {
    const spec = energyPerDevice([{ label: 'ClassC', energyJ: energies }]);
    expect(compileVegaLite(spec).warnings).toEqual([]);
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
    const svg = await renderSvg(spec);
    expect(countMarks(svg, 'line')).toBe(2);
    expect(countMarks(svg, 'rule')).toBe(2);
    expect(svg).toContain('Energy per device (J)');
    expect(svg).toContain('ClassB');
  });
});
