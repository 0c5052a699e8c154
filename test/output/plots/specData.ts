/** Reading what a vega-lite spec will draw: its inline data rows and its layers, for the plot tests. */

type Spec = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** The inline data rows of a (sub-)spec. */
export function rows(spec: Spec): Row[] {
  return ((spec.data as { values?: Row[] } | undefined)?.values ?? []) as Row[];
}

/** Every (sub-)spec of a concatenation, in order (the spec itself when it is not one). */
export function panels(spec: Spec): Spec[] {
  return ((spec.vconcat ?? spec.hconcat) as Spec[] | undefined) ?? [spec];
}

/** Every layer spec, depth first, including nested layers. */
export function layers(spec: Spec): Spec[] {
  const own = (spec.layer as Spec[] | undefined) ?? [];
  return own.flatMap((l) => [l, ...layers(l)]);
}

/** The encoding of the first layer whose mark type is `type` (and that passes `where`). */
export function encodingOf(spec: Spec, type: string, where: (l: Spec) => boolean = () => true): Record<string, Spec> {
  const l = layers(spec).find((x) => {
    const m = x.mark as string | { type: string } | undefined;
    return (typeof m === 'string' ? m : m?.type) === type && where(x);
  });
  if (!l) throw new Error(`no ${type} layer`);
  return l.encoding as Record<string, Spec>;
}
