import {
  ancestors,
  descendants,
  graphOf,
  portsOf,
  topologicalOrder,
} from '../../pipeline/graph.ts';
import type { NodePorts } from '../../pipeline/graph.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import type { PortSpec } from '../../pipeline/ports.ts';
import type { PipelineEdge, PipelineFile, PipelineNode } from '../../pipeline/schema.ts';
import type { PipelineLookup } from '../../pipeline/calls.ts';
import { callFacts } from './call-facts.ts';
import type { NodeTypeLookup } from './types.ts';

/** One node of a run, with everything the scheduler and the node runner look up repeatedly. */
export interface PlannedNode {
  node: PipelineNode;
  definition: NodeDefinition<any>;
  /** "node `ocr` (image.ocr)", for every message about it. */
  name: string;
  ports: NodePorts;
  inputPorts: Map<string, PortSpec>;
  incoming: PipelineEdge[];
  /** Targets of its edges that are part of this run, once per edge. */
  dependents: string[];
  deterministic: boolean;
  /** For a node that runs a saved pipeline: that pipeline's content, part of the cache key. */
  keyExtra?: string;
}

export interface Plan {
  nodes: Map<string, PlannedNode>;
  /** The nodes this run computes, in topological order (ties by id). */
  order: string[];
  /** Nodes that must be computed again even when their result is cached (run from here). */
  forced: Set<string>;
}

/**
 * Decides what a run computes: everything; with `runTo`, only that node and what it needs; with
 * `runFrom`, that node and everything after it, plus what they need (from the cache when it can).
 * The pipeline must already have passed `checkPipeline`.
 */
export function makePlan(
  pipeline: PipelineFile,
  registry: NodeTypeLookup,
  runTo: string | undefined,
  runFrom: string | undefined,
  pipelines?: PipelineLookup,
): Plan {
  const graph = graphOf(pipeline);
  const forced = new Set<string>();
  if (runFrom !== undefined) {
    forced.add(runFrom);
    for (const id of descendants(graph, runFrom)) forced.add(id);
  }
  let members: Set<string> | undefined;
  if (runTo !== undefined) {
    members = ancestors(graph, runTo);
    members.add(runTo);
    for (const id of forced) if (!members.has(id)) forced.delete(id);
  } else if (runFrom !== undefined) {
    members = ancestors(graph, forced);
    for (const id of forced) members.add(id);
  }

  const order = topologicalOrder(graph, members).order;
  const inRun = members ?? new Set(graph.ids);
  const nodes = new Map<string, PlannedNode>();
  const callOf = callFacts(registry, pipelines);
  for (const node of pipeline.nodes) {
    if (!inRun.has(node.id) || nodes.has(node.id)) continue;
    const definition = registry.get(node.type) as NodeDefinition<any>;
    const ports = portsOf(definition, node.params);
    const dependents = (graph.outgoing.get(node.id) ?? [])
      .map((edge) => edge.target)
      .filter((target) => inRun.has(target));
    const own =
      typeof definition.deterministic === 'function'
        ? definition.deterministic(node.params)
        : definition.deterministic !== false;
    const call = callOf(node);
    const planned: PlannedNode = {
      node,
      definition,
      name: `node \`${node.id}\` (${node.type})`,
      ports,
      inputPorts: new Map(ports.inputs.map((port) => [port.id, port])),
      incoming: graph.incoming.get(node.id) ?? [],
      dependents,
      deterministic: own && (call?.deterministic ?? true),
    };
    if (call) planned.keyExtra = call.key;
    nodes.set(node.id, planned);
  }
  return { nodes, order, forced };
}
