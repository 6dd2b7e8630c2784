/**
 * Readable, stable ids: a node is named after its type (`image-ocr`, `image-ocr-2`) and an edge
 * is `e1`, `e2`, ... so the diff of two saved files reads well.
 */
export function freshNodeId(type: string, taken: ReadonlySet<string>): string {
  const base = type.replace(/\./g, '-').replace(/[^a-z0-9-]/gi, '') || 'node';
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base}-${n}`;
    if (!taken.has(id)) return id;
  }
}

export function freshEdgeId(taken: ReadonlySet<string>): string {
  for (let n = taken.size + 1; ; n++) {
    const id = `e${n}`;
    if (!taken.has(id)) return id;
  }
}
