import { CallGraph, calledId } from '../../pipeline/calls.ts';
import type { PipelineLookup } from '../../pipeline/calls.ts';
import type { PipelineFile, PipelineNode } from '../../pipeline/schema.ts';
import { hash, stableJson } from './cache-key.ts';
import type { NodeTypeLookup } from './types.ts';

/** What a node that calls a saved pipeline depends on beyond its params and inputs. */
export interface CallFacts {
  /** A hash of every pipeline the call may run, itself and those it calls in turn. */
  key: string;
  /** Whether every node of those pipelines gives the same outputs for the same inputs. */
  deterministic: boolean;
}

/**
 * Reads the pipelines behind each calling node once per run. A change to a called pipeline,
 * or to one it calls, changes the calling node's cache key, so a cached result never outlives
 * an edit of what it ran.
 */
export function callFacts(
  registry: NodeTypeLookup,
  pipelines: PipelineLookup | undefined,
): (node: PipelineNode) => CallFacts | undefined {
  const graph = pipelines && new CallGraph(registry, pipelines);
  return (node) => {
    const id = calledId(node, registry);
    if (id === undefined || !graph) return undefined;
    const files = [...graph.reachable(id)].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return {
      key: hash(stableJson(files.map(([called, file]) => [called, whatRuns(file)]))),
      deterministic: files.every(([, file]) => file.nodes.every((n) => deterministic(n, registry))),
    };
  };
}

/** The parts of a file that change what a run does: not positions, labels or editor state. */
function whatRuns(file: PipelineFile) {
  return {
    nodes: file.nodes.map(({ id, type, params, policy, map }) => ({
      id,
      type,
      params,
      policy,
      map,
    })),
    edges: file.edges.map(({ source, sourcePort, target, targetPort }) => ({
      source,
      sourcePort,
      target,
      targetPort,
    })),
  };
}

/** A node of a called pipeline counts as deterministic when its type is, or its policy caches it. */
function deterministic(node: PipelineNode, registry: NodeTypeLookup): boolean {
  const definition = registry.get(node.type);
  if (!definition || node.policy?.cache === true) return true;
  if (typeof definition.deterministic !== 'function') return definition.deterministic !== false;
  const params = definition.params.safeParse(node.params);
  return params.success ? definition.deterministic(params.data) : false;
}
