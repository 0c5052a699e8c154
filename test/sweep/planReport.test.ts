import { describe, expect, it } from 'vitest';
import { capacityPlot } from '../../src/sweep/capacity-plot.js';
import { recommend } from '../../src/sweep/pareto.js';
import { buildPlanReportHtml, frontRows, frontTable, recommendationText } from '../../src/sweep/planReport.js';
import { sampleScenario } from '../output/sampleResult.js';
import { candidates, front, k, plan } from './plan-fixture.js';

describe('what a plan says', () => {
  it('folds settings with the same outcome into one front row and a note', () => {
    expect(frontRows(plan)).toEqual([{
      cells: ['ClassC', '6', '10 %', '239 B', '9 h 22 min', '170 J', '100 %'],
      note: 'ClassC DR6, 239-byte fragments: 10, 25 and 50 % redundancy give the same outcome',
    }]);
    expect(frontTable(plan).split('\n')).toEqual([
      '  class   DR  redundancy  fragment  time to 95 %  energy/device  updated',
      '  ClassC  6   10 %        239 B     9 h 22 min    170 J          100 %',
      '  (ClassC DR6, 239-byte fragments: 10, 25 and 50 % redundancy give the same outcome)',
    ]);
  });

  it('recommends the cheapest setting that qualifies, or names the binding constraint', () => {
    expect(recommendationText(plan, k.deadlineS, k.energyBudgetJ)).toBe(
      'Recommended: ClassC DR6, 10 % redundancy, 239-byte fragments: 95 % updated after 9 h 22 min, 170 J per device on average ' +
        '(deadline 12 h 00 min, energy budget 200 J per device); the least energy of the settings that qualify.',
    );
    expect(recommendationText({ recommendation: recommend(candidates, { deadlineS: 60 }) }, 60)).toMatch(/^No setting meets the deadline of 60 s: the deadline binds\./);
  });

  it('writes a report page with the headline, the plot, the reasons, the front and every setting', () => {
    const plot = { name: 'plan', title: 'Capacity plan', description: 'How to read it.', spec: capacityPlot(candidates, front, plan.recommendation.choice, k, 'plan') };
    const html = buildPlanReportHtml({ plan, scenario: sampleScenario(), simulatorVersion: '0.1.0', ...k, plot });
    expect(html).toContain('<title>Capacity plan: sample-town</title>');
    expect(html).toContain('<div class="label">Recommended</div><div class="value">ClassC DR6</div>');
    expect(html).toContain('<div class="label">Settings simulated</div><div class="value">5</div><div class="note">1 skipped as invalid</div>');
    expect(html).toContain('id="chart-plan"');
    expect(html).toContain('<li>ClassB: none of its 1 settings updated 95 % of the devices; the best reached 52.4 %');
    expect(html).toContain('<td>ClassC</td><td>3</td><td>10 %</td><td>239 B</td><td>1</td><td>12 h 25 min</td><td>587 J</td><td>100 %</td><td>100 %</td><td>dominated</td>');
    expect(html).toContain('<td>never 95 %</td>');
    expect(html).toContain('<td>recommended</td>');
    expect(html).toContain('Combinations skipped as invalid (1)');
  });
});
