/**
 * The browser builds of vega and vega-lite, read from node_modules so the report can inline them
 * and work offline. vega's package exports only its module entry, so the build folder is found
 * next to it.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** Text of `<package>/build/<file>`. */
function buildFile(pkg: 'vega' | 'vega-lite', file: string): string {
  return readFileSync(join(dirname(require.resolve(pkg)), file), 'utf8');
}

/** The minified UMD builds, in load order (vega-lite needs the global `vega`). */
export function vegaBrowserScripts(): string[] {
  return [buildFile('vega', 'vega.min.js'), buildFile('vega-lite', 'vega-lite.min.js')];
}
