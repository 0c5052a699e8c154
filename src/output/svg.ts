/**
 * Renders a vega-lite spec to SVG text in Node: vega-lite compiles it to a vega spec, and a headless
 * vega View (`renderer: 'none'`) writes SVG. No browser and no canvas are needed.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { VlSpec } from './plots/theme.js';

/** The vega spec that a vega-lite spec compiles to, and the warnings vega-lite gave (tests expect none). */
export function compileVegaLite(vlSpec: VlSpec): { spec: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...args: readonly unknown[]) => {
      throw new Error(`vega-lite: ${args.join(' ')}`);
    },
    warn: (...args: readonly unknown[]) => {
      warnings.push(args.join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  const { spec } = compile(vlSpec as unknown as TopLevelSpec, { logger: logger as never });
  return { spec: spec as vega.Spec, warnings };
}

/** SVG text of a vega-lite spec. */
export async function renderSvg(vlSpec: VlSpec): Promise<string> {
  const view = new vega.View(vega.parse(compileVegaLite(vlSpec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
