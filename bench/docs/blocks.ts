/**
 * The generated parts of README.md and docs/*.md: every output, number and figure they show comes
 * from a block here, written between markers
 *
 *   <!-- generated: NAME (npm run docs) -->
 *   ...
 *   <!-- end generated: NAME -->
 *
 * `npm run docs` (bench/docs.ts) rewrites every block and figure. Blocks marked `checked` are cheap
 * and deterministic (a simulation of the default town, a validation message, its plots): the test
 * test/docs.test.ts regenerates them and fails when the committed text differs, so a change that
 * moves them cannot land without the docs. The others (timings, the plan and sweep examples) take
 * minutes or depend on the machine; only the script refreshes them.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { humanSummary } from '../../src/cli/commands/run.js';
import { plotDataFromResult } from '../../src/output/plotData.js';
import { reasonLines } from '../../src/output/reasons.js';
import { runPlots } from '../../src/output/plots/index.js';
import { humanDuration } from '../../src/output/report/human.js';
import { loadScenarioFile } from '../../src/scenario/load.js';
import { simulate } from '../../src/sim/simulate.js';
import type { RunResult } from '../../src/sim/types.js';

export interface Block {
  file: string;
  name: string;
  /** cheap and deterministic: test/docs.test.ts checks it */
  checked: boolean;
  make(ctx: DocsContext): Promise<string>;
}

/** Figures written to docs/img: file name → SVG text. */
export interface Figure {
  file: string;
  checked: boolean;
  make(ctx: DocsContext): Promise<string>;
}

/** Shared, computed once: the default town's run, and how to run the CLI. */
export class DocsContext {
  private run: RunResult | null = null;
  private sweepRun: { stdout: string; seconds: number } | null = null;
  constructor(readonly repo: string) {}

  /** The example sweep, run once into results/sweep-class-redundancy. */
  sweep(): { stdout: string; seconds: number } {
    this.sweepRun ??= this.cli(['sweep', 'scenarios/sweep-class-redundancy.json', '--force', '--quiet']);
    return this.sweepRun;
  }

  defaultRun(): RunResult {
    this.run ??= simulate(loadScenarioFile(join(this.repo, 'scenarios', 'default.json')).scenario);
    return this.run;
  }

  /** Runs the built CLI in the repository; its standard output and how long it took. */
  cli(args: string[]): { stdout: string; seconds: number } {
    const t0 = performance.now();
    let stdout: string;
    try {
      stdout = execFileSync('node', [join(this.repo, 'dist', 'src', 'cli', 'main.js'), ...args], { cwd: this.repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; status?: number };
      stdout = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    return { stdout, seconds: (performance.now() - t0) / 1000 };
  }
}

const fence = (text: string): string => `\`\`\`console\n${text.trimEnd()}\n\`\`\``;
const machine = (): string => `${availableParallelism()}-vCPU machine`;

/** A `plan` command as the docs show it (`prompt` is how it is typed there), its output and how long it took. */
function planExample(file: string, prompt: string, args: string[], note: (took: string) => string): Block {
  return {
    file,
    name: 'plan-example',
    checked: false,
    make: async (ctx) => {
      const { stdout, seconds } = ctx.cli(['plan', ...args, '--force', '--quiet']);
      return `${fence(`$ ${prompt} plan ${args.join(' ')}\n${stdout}`)}\n\n(${note(`${humanDuration(seconds)} on a ${machine()}`)})`;
    },
  };
}

/** The invalid scenario the README's validation example shows. */
export const BAD_SCENARIO = { name: 'bad', fuotaTask: { fec: 'v3' }, multicastGroup: { dlClass: 'ClassB', pingSlotPeriod: 100 } };

export const BLOCKS: Block[] = [
  {
    file: 'README.md',
    name: 'npm-start',
    checked: true,
    make: async (ctx) => {
      const r = ctx.defaultRun();
      return fence(`$ npm start\n${humanSummary(r, 'results/default', reasonLines(r.summary, r.scenario))}`);
    },
  },
  {
    file: 'README.md',
    name: 'default-story',
    checked: true,
    make: async (ctx) => {
      const { summary: m } = ctx.defaultRun();
      const n = m.devices.toLocaleString('en').replace(/,/g, ' ');
      const fromSession = (t: number | null) => (t === null ? 'never' : humanDuration(t));
      const lead = (t: number | null) => (t === null ? 'never' : humanDuration(t));
      return (
        `The curve tells the planner's story: setting ${n} devices up over class A through three gateways takes ` +
        `${humanDuration(m.setupDurationS)} (every request waits for an uplink of its device, and the RX1/RX2 sub-bands run out of ` +
        `duty cycle). The session is booked for the moment the last device is set up, ${humanDuration(m.sessionStartS ?? 0)} after the ` +
        `campaign start — the earliest booking that reaches every device, with ${humanDuration(m.idleBeforeSessionS ?? 0)} of idle time; ` +
        `a booking ${lead(m.leadTimeFor90S)} ahead would have set up 90 % of them (\`leadTimeFor90S\`), ${lead(m.leadTimeFor99S)} ahead 99 %. ` +
        `The image itself takes ${humanDuration(m.distributionDurationS)} of class C distribution: 90 % of the devices have ` +
        `rebuilt and verified it ${fromSession(m.timeTo90FromSessionS)} into the session, ` +
        (m.timeToAllFromSessionS === null
          ? `${m.devicesRebuilt} of ${n} by the end of the campaign.`
          : `all of them after ${fromSession(m.timeToAllFromSessionS)}.`)
      );
    },
  },
  {
    file: 'README.md',
    name: 'validate-example',
    checked: true,
    make: async (ctx) => {
      const dir = mkdtempSync(join(tmpdir(), 'fuota-docs-'));
      writeFileSync(join(dir, 'bad.json'), JSON.stringify(BAD_SCENARIO));
      const { stdout } = ctx.cli(['validate', join(dir, 'bad.json')]);
      return fence(`$ npx fuota-sim validate bad.json\n${stdout.split(`${dir}/`).join('')}`);
    },
  },
  {
    file: 'README.md',
    name: 'npm-start-time',
    checked: false,
    make: async (ctx) => {
      const { seconds } = ctx.cli(['run', 'scenarios/default.json', '--force', '--quiet']);
      return `It took ${seconds.toFixed(1)} s on a ${machine()} when \`npm run docs\` last measured it.`;
    },
  },
  planExample('README.md', 'npx fuota-sim', ['scenarios/default.json', '--deadline', '12h', '--energy-budget', '200J'],
    (took) => `${took}: 34 settings of the default town, each simulated; the settings run on worker threads when cores are idle.`),
  {
    file: 'docs/workflows.md',
    name: 'sweep-example',
    checked: false,
    make: async (ctx) => {
      const { stdout, seconds } = ctx.sweep();
      return `${fence(`$ fuota-sim sweep scenarios/sweep-class-redundancy.json\n${stdout}`)}\n\n(${humanDuration(seconds)} on a ${machine()}, plots included.)`;
    },
  },
  planExample('docs/workflows.md', 'fuota-sim', ['scenarios/sweep-class-redundancy.json', '--deadline', '6h', '--energy-budget', '5J'],
    (took) => `200 devices, a 32 KiB image, 3 replications per setting; ${took}.`),
];

/** An SVG of one of the default run's plots. */
function runFigure(file: string, plot: string): Figure {
  return {
    file,
    checked: true,
    make: async (ctx) => {
      const { renderSvg } = await import('../../src/output/svg.js');
      const entry = runPlots(plotDataFromResult(ctx.defaultRun())).find((p) => p.name === plot);
      if (!entry) throw new Error(`the default run has no ${plot} plot`);
      return renderSvg(entry.spec);
    },
  };
}

export const FIGURES: Figure[] = [
  runFigure('docs/img/default-completion.svg', 'completion'),
  runFigure('docs/img/default-timeline.svg', 'timeline'),
  runFigure('docs/img/default-device-map.svg', 'device-map'),
  runFigure('docs/img/default-dutycycle.svg', 'dutycycle'),
  {
    file: 'docs/img/sweep-updated-vs-redundancy.svg',
    checked: false,
    make: async (ctx) => {
      ctx.sweep();
      return readFileSync(join(ctx.repo, 'results', 'sweep-class-redundancy', 'updatedRatio-vs-redundancyPercent.svg'), 'utf8');
    },
  },
  {
    file: 'docs/img/sweep-time90-vs-redundancy.svg',
    checked: false,
    make: async (ctx) => {
      ctx.sweep();
      return readFileSync(join(ctx.repo, 'results', 'sweep-class-redundancy', 'timeTo90FromSessionS-vs-redundancyPercent.svg'), 'utf8');
    },
  },
];

const begin = (name: string) => `<!-- generated: ${name} (npm run docs) -->`;
const end = (name: string) => `<!-- end generated: ${name} -->`;

/** The text between a block's markers in `doc`; null when the markers are missing. */
export function blockText(doc: string, name: string): string | null {
  const i = doc.indexOf(begin(name));
  const j = doc.indexOf(end(name));
  if (i < 0 || j < i) return null;
  return doc.slice(i + begin(name).length, j).replace(/^\n/, '').replace(/\n$/, '');
}

/** `doc` with the block's text replaced; throws when the markers are missing. */
export function withBlock(doc: string, name: string, text: string): string {
  const i = doc.indexOf(begin(name));
  const j = doc.indexOf(end(name));
  if (i < 0 || j < i) throw new Error(`no markers for the generated block ${name}`);
  return `${doc.slice(0, i + begin(name).length)}\n${text}\n${doc.slice(j)}`;
}
