import type { DynamicInputs, NodeTypeInfo } from './node-type.ts';
import type { PortSpec } from './ports.ts';
import type { PipelineEdge } from './schema.ts';

// Every walk here is a loop over an explicit queue or stack, never recursion: a pipeline of
// 100,000 nodes in one chain must not overflow the call stack.

/** What `portsOf` needs from a node type: a `NodeDefinition` and a `NodeTypeInfo` both fit. */
export type PortSource = Pick<NodeTypeInfo, 'inputs' | 'outputs'> &
  Partial<Pick<NodeTypeInfo, 'dynamicInputs' | 'dynamicOutputs'>>;

export interface NodePorts {
  inputs: PortSpec[];
  outputs: PortSpec[];
}

/** The ports a node has with these params: its type's fixed ports plus those grown from params. */
export function portsOf(type: PortSource, params: Record<string, unknown>): NodePorts {
  return {
    inputs: withDynamic(type.inputs, type.dynamicInputs, params),
    outputs: withDynamic(type.outputs, type.dynamicOutputs, params),
  };
}

function withDynamic(
  fixed: PortSpec[],
  dynamic: DynamicInputs | undefined,
  params: Record<string, unknown>,
): PortSpec[] {
  if (!dynamic) return fixed;
  const raw = params[dynamic.param];
  const names =
    dynamic.kind === 'placeholders'
      ? typeof raw === 'string'
        ? placeholders(raw)
        : []
      : Array.isArray(raw)
        ? raw.filter((name): name is string => typeof name === 'string' && name !== '')
        : [];
  // A grown port never shadows a fixed one, and a repeated name gives one port.
  const taken = new Set(fixed.map((port) => port.id));
  const grown: PortSpec[] = [];
  for (const id of names) {
    if (taken.has(id)) continue;
    taken.add(id);
    grown.push(
      dynamic.optional ? { id, type: dynamic.type, optional: true } : { id, type: dynamic.type },
    );
  }
  return grown.length === 0 ? fixed : [...fixed, ...grown];
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The distinct `{{name}}` placeholders of a template, in order of first use. */
export function placeholders(template: string): string[] {
  const names = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) names.add(match[1] as string);
  return [...names];
}

/** A pipeline's edges indexed by node; edges to or from a missing node are left out. */
export interface Graph {
  /** Node ids in file order, each once. */
  ids: string[];
  incoming: Map<string, PipelineEdge[]>;
  outgoing: Map<string, PipelineEdge[]>;
}

/** A graph, or anything with nodes and edges shaped like a pipeline file's (the editor's too). */
export type GraphInput =
  | Graph
  | {
      nodes: readonly { id: string }[];
      edges: readonly Pick<
        PipelineEdge,
        'id' | 'source' | 'sourcePort' | 'target' | 'targetPort'
      >[];
    };

export function graphOf(input: GraphInput): Graph {
  if ('incoming' in input) return input;
  const incoming = new Map<string, PipelineEdge[]>();
  const outgoing = new Map<string, PipelineEdge[]>();
  const ids: string[] = [];
  for (const node of input.nodes) {
    if (incoming.has(node.id)) continue;
    ids.push(node.id);
    incoming.set(node.id, []);
    outgoing.set(node.id, []);
  }
  for (const edge of input.edges) {
    const into = incoming.get(edge.target);
    const out = outgoing.get(edge.source);
    if (!into || !out) continue;
    into.push(edge);
    out.push(edge);
  }
  return { ids, incoming, outgoing };
}

/**
 * Kahn's algorithm; among nodes ready at the same time the smallest id comes first, so the order
 * is the same on every run. `rest` holds the nodes that could not be ordered: those on a cycle
 * or downstream of one. With `within`, only those nodes and the edges among them count.
 */
export function topologicalOrder(
  input: GraphInput,
  within?: ReadonlySet<string>,
): { order: string[]; rest: string[] } {
  const graph = graphOf(input);
  const ids = within ? graph.ids.filter((id) => within.has(id)) : graph.ids;
  const waiting = new Map<string, number>();
  const ready = new MinHeap();
  for (const id of ids) {
    const count = countIn(graph.incoming.get(id) ?? [], within);
    waiting.set(id, count);
    if (count === 0) ready.push(id);
  }

  const order: string[] = [];
  while (ready.size > 0) {
    const id = ready.pop() as string;
    order.push(id);
    for (const edge of graph.outgoing.get(id) ?? []) {
      const left = waiting.get(edge.target);
      if (left === undefined) continue;
      waiting.set(edge.target, left - 1);
      if (left === 1) ready.push(edge.target);
    }
  }
  const rest = order.length === ids.length ? [] : ids.filter((id) => (waiting.get(id) ?? 0) > 0);
  return { order, rest };
}

function countIn(edges: PipelineEdge[], within: ReadonlySet<string> | undefined): number {
  if (!within) return edges.length;
  let count = 0;
  for (const edge of edges) if (within.has(edge.source)) count++;
  return count;
}

/**
 * Cycles of the graph, each as its node ids in edge direction, starting at its smallest id.
 * Reports each node on at most one cycle, and at most `limit` cycles.
 */
export function findCycles(input: GraphInput, limit = 10): string[][] {
  const graph = graphOf(input);
  const cycles: string[][] = [];
  let remaining = new Set(topologicalOrder(graph).rest);

  // Every node left after Kahn has a predecessor that is also left, so walking predecessors
  // from any of them must come back to a node already seen: that loop is a cycle.
  while (remaining.size > 0 && cycles.length < limit) {
    const start = [...remaining].sort(compareIds)[0] as string;
    const seen = new Map<string, number>();
    const path: string[] = [];
    let current = start;
    while (!seen.has(current)) {
      seen.set(current, path.length);
      path.push(current);
      const back = (graph.incoming.get(current) ?? [])
        .map((edge) => edge.source)
        .filter((source) => remaining.has(source))
        .sort(compareIds)[0];
      if (back === undefined) break;
      current = back;
    }
    const cycle = path.slice(seen.get(current)).reverse();
    const first = cycle.indexOf([...cycle].sort(compareIds)[0] as string);
    cycles.push([...cycle.slice(first), ...cycle.slice(0, first)]);

    for (const id of cycle) remaining.delete(id);
    remaining = new Set(topologicalOrder(graph, remaining).rest);
  }
  return cycles;
}

/** Every node that `from` (one id or several) depends on, directly or through others. */
export function ancestors(input: GraphInput, from: string | Iterable<string>): Set<string> {
  const graph = graphOf(input);
  return walk(from, (node) => (graph.incoming.get(node) ?? []).map((edge) => edge.source));
}

/** Every node that depends on `from` (one id or several), directly or through others. */
export function descendants(input: GraphInput, from: string | Iterable<string>): Set<string> {
  const graph = graphOf(input);
  return walk(from, (node) => (graph.outgoing.get(node) ?? []).map((edge) => edge.target));
}

/** The nodes reached from the starts by one edge or more; a start is in it only if reached. */
function walk(from: string | Iterable<string>, next: (id: string) => string[]): Set<string> {
  const found = new Set<string>();
  const stack = typeof from === 'string' ? [from] : [...from];
  while (stack.length > 0) {
    for (const id of next(stack.pop() as string)) {
      if (found.has(id)) continue;
      found.add(id);
      stack.push(id);
    }
  }
  return found;
}

/** Whether adding an edge from `source` to `target` would close a cycle (the editor refuses it). */
export function wouldCreateCycle(
  input: GraphInput,
  edge: Pick<PipelineEdge, 'source' | 'target'>,
): boolean {
  return edge.source === edge.target || descendants(input, edge.target).has(edge.source);
}

/** Plain code-unit order: the same on every machine and locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A binary heap of ids, smallest first. */
export class MinHeap {
  readonly #items: string[] = [];

  get size(): number {
    return this.#items.length;
  }

  push(id: string): void {
    const items = this.#items;
    items.push(id);
    let i = items.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((items[parent] as string) <= id) break;
      items[i] = items[parent] as string;
      i = parent;
    }
    items[i] = id;
  }

  pop(): string | undefined {
    const items = this.#items;
    const top = items[0];
    const last = items.pop();
    if (items.length === 0 || last === undefined) return top;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= items.length) break;
      const right = left + 1;
      const child =
        right < items.length && (items[right] as string) < (items[left] as string) ? right : left;
      if ((items[child] as string) >= last) break;
      items[i] = items[child] as string;
      i = child;
    }
    items[i] = last;
    return top;
  }
}
