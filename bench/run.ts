/**
 * `npm run bench [-- --smoke] [-- --only name] [-- --campaign] [-- --large]`: runs every suite in
 * bench/suites and prints one line per case. `--campaign` adds the 100 000-device whole campaign,
 * `--large` the million-device one (suite `scale`). Figures go to bench/results.json (not tracked)
 * for docs/benchmarks.md.
 */
import { writeFileSync, readdirSync, existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import type { BenchRow, BenchSuite } from './harness.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const smoke = args.includes('--smoke');
  const opts = { smoke, campaign: args.includes('--campaign'), large: args.includes('--large') };
  const onlyAt = args.indexOf('--only');
  const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
  const here = dirname(fileURLToPath(import.meta.url));
  const suitesDir = join(here, 'suites');
  const files = (existsSync(suitesDir) ? readdirSync(suitesDir) : []).filter((f) => f.endsWith('.js')).sort();
  const rows: BenchRow[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(join(suitesDir, f)).href)) as { suite: BenchSuite };
    if (only && mod.suite.name !== only) continue;
    process.stderr.write(`bench: ${mod.suite.name}${smoke ? ' (smoke)' : ''}\n`);
    for (const row of await mod.suite.run(opts)) {
      rows.push(row);
      const m = Object.entries(row.metrics)
        .map(([k, v]) => `${k}=${Number.isInteger(v) ? v : v.toPrecision(4)}`)
        .join(' ');
      console.log(`${row.suite.padEnd(8)} ${row.case.padEnd(40)} ${m}`);
    }
  }
  const out = { node: process.version, ...opts, date: new Date().toISOString(), rows };
  writeFileSync(join(here, '..', '..', 'bench', smoke ? 'results.smoke.json' : 'results.json'), JSON.stringify(out, null, 2) + '\n');
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
