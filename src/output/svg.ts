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

/**
 * Renumber the gradient and clip-path ids of an SVG in order of first use. vega numbers them from
 * process-wide counters, so without this the same plot could differ byte for byte depending on what
 * was drawn before it in the same process.
 */
export function normaliseSvgIds(svg: string): string {
  const names = new Map<string, string>();
  const counters = new Map<string, number>();
  return svg.replace(/(id="|url\(#)(p_)?(gradient_|clip)(\d+)/g, (_m, lead: string, p: string | undefined, kind: string, num: string) => {
    const key = `${kind}${num}`;
    let name = names.get(key);
    if (name === undefined) {
      const next = counters.get(kind) ?? 0;
      counters.set(kind, next + 1);
      name = `${kind}${next}`;
      names.set(key, name);
    }
    return `${lead}${p ?? ''}${name}`;
  });
}

/** SVG text of a vega-lite spec; the same spec gives the same bytes in any process and any order. */
export async function renderSvg(vlSpec: VlSpec): Promise<string> {
  const view = new vega.View(vega.parse(compileVegaLite(vlSpec).spec), { renderer: 'none' });
  try {
    return normaliseSvgIds(await view.toSVG());
  } finally {
    view.finalize();
  }
}
