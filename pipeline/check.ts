import type { z } from 'zod';
import { checkCalls } from './check-calls.ts';
import type { CallCheckOptions } from './check-calls.ts';
import { checkCycles, checkEdges, checkIoNames, checkRequiredInputs } from './check-graph.ts';
import type { CheckedNode } from './check-graph.ts';
import { portsOf } from './graph.ts';
import { migrate } from './migrate.ts';
import type { Env, NodeDefinition } from './node-type.ts';
import type { Problem, ProblemCode } from './problems.ts';
import { PipelineFileSchema } from './schema.ts';
import type { PipelineFile } from './schema.ts';

export interface CheckLookup {
  get(type: string): NodeDefinition<any> | undefined;
}

export interface CheckResult {
  /**
   * The file, migrated and with every node's params defaults filled in, whenever the file itself
   * parses, even when its graph has problems: the editor opens it and marks them.
   */
  pipeline: PipelineFile | undefined;
  /** Every problem found, in file order; empty when the pipeline can run. */
  problems: Problem[];
}

export interface CheckOptions extends CallCheckOptions {
  /** With it, node types' preflight checks run too (e.g. a provider whose key is not set). */
  env?: Env;
}

/**
 * Checks a pipeline file (any parsed JSON) against the format and the node catalogue, and
 * returns every problem at once. With `env`, node types' preflight checks run too. With
 * `pipelines`, the saved pipelines its calls run are checked as well (`pipelineId` names the
 * file itself, so a call of itself is refused).
 */
export function checkPipeline(
  input: unknown,
  lookup: CheckLookup,
  options: CheckOptions = {},
): CheckResult {
  return checkFile(input, lookup, options, new Map());
}

/** `checkPipeline`, sharing the checks of saved pipelines already done for one caller. */
function checkFile(
  input: unknown,
  lookup: CheckLookup,
  options: CheckOptions,
  saved: Map<string, CheckResult>,
): CheckResult {
  const migrated = migrate(input);
  if ('problem' in migrated) return { pipeline: undefined, problems: [migrated.problem] };

  const { pipeline, problems } = parseFile(migrated.file);
  if (!pipeline) return { pipeline, problems };

  const nodes = checkNodes(pipeline, lookup, problems, options.env);
  checkCalls(pipeline, nodes, lookup, options, checkSaved(lookup, options, saved), problems);
  checkEdges(pipeline, nodes, problems);
  checkRequiredInputs(pipeline, nodes, problems);
  checkIoNames(nodes, problems);
  checkCycles(pipeline, problems);
  return { pipeline, problems };
}

function checkSaved(lookup: CheckLookup, options: CheckOptions, saved: Map<string, CheckResult>) {
  return (id: string, file: unknown): CheckResult => {
    let result = saved.get(id);
    if (!result) {
      result = checkFile(file, lookup, { ...options, pipelineId: id }, saved);
      saved.set(id, result);
    }
    return result;
  };
}

/** How a node is named in every message: "node `ocr` (image.ocr)". */
export function nodeName(node: { id: string; type: string }): string {
  return `node \`${node.id}\` (${node.type})`;
}

function parseFile(file: unknown): { pipeline: PipelineFile | undefined; problems: Problem[] } {
  const parsed = PipelineFileSchema.safeParse(file);
  if (parsed.success) return { pipeline: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => fileProblem(file, issue));

  // A bad policy or map on a node still lets the editor open the file: drop just those and
  // parse again, keeping the problems so the node is marked.
  const onlyNodeSettings = problems.every((p) => p.code !== 'invalid_file');
  if (!onlyNodeSettings) return { pipeline: undefined, problems };
  let copy: { nodes: Record<string, unknown>[] };
  try {
    copy = structuredClone(file) as typeof copy;
  } catch {
    return { pipeline: undefined, problems };
  }
  for (const issue of parsed.error.issues) {
    const node = copy.nodes[issue.path[1] as number];
    if (node) delete node[issue.path[2] as string];
  }
  const retry = PipelineFileSchema.safeParse(copy);
  return { pipeline: retry.success ? retry.data : undefined, problems };
}

function fileProblem(file: unknown, issue: z.core.$ZodIssue): Problem {
  const path = issue.path.filter((key) => typeof key !== 'symbol') as (string | number)[];
  const [top, index, field] = path;
  const node =
    top === 'nodes' && typeof index === 'number'
      ? (file as { nodes?: { id?: unknown; type?: unknown }[] }).nodes?.[index]
      : undefined;
  const id = typeof node?.id === 'string' ? node.id : undefined;
  const code: ProblemCode =
    id !== undefined && field === 'policy'
      ? 'invalid_policy'
      : id !== undefined && field === 'map'
        ? 'invalid_map'
        : 'invalid_file';
  const where = path.length > 0 ? `\`${path.join('.')}\`` : 'the file';
  const message =
    id === undefined
      ? `${where}: ${issue.message}`
      : `${nodeName({ id, type: String(node?.type) })}: \`${path.slice(2).join('.')}\`: ${issue.message}`;
  return id === undefined ? { code, path, message } : { code, path, message, nodeId: id };
}

function checkNodes(
  pipeline: PipelineFile,
  lookup: CheckLookup,
  problems: Problem[],
  env: Env | undefined,
): Map<string, CheckedNode> {
  const nodes = new Map<string, CheckedNode>();
  pipeline.nodes.forEach((node, index) => {
    const first = nodes.get(node.id);
    if (first) {
      problems.push({
        code: 'duplicate_id',
        path: ['nodes', index, 'id'],
        message: `node id \`${node.id}\` is used by nodes ${first.index + 1} and ${index + 1}; give each node its own id`,
        nodeId: node.id,
      });
      return;
    }
    const definition = lookup.get(node.type);
    if (!definition) {
      nodes.set(node.id, { index, node });
      problems.push({
        code: 'unknown_node_type',
        path: ['nodes', index, 'type'],
        message: `${nodeName(node)}: there is no node type \`${node.type}\`; pick one from the palette (\`weft nodes\` lists them)`,
        nodeId: node.id,
      });
      return;
    }

    const params = definition.params.safeParse(node.params);
    if (params.success) {
      node.params = params.data as Record<string, unknown>;
    } else {
      for (const issue of params.error.issues) {
        const inner = issue.path.filter((key) => typeof key !== 'symbol') as (string | number)[];
        const what = inner.length > 0 ? `param \`${inner.join('.')}\`` : 'params';
        problems.push({
          code: 'invalid_params',
          path: ['nodes', index, 'params', ...inner],
          message: `${nodeName(node)}: ${what}: ${issue.message}`,
          nodeId: node.id,
        });
      }
    }
    const checked: CheckedNode = {
      index,
      node,
      definition,
      ports: portsOf(definition, node.params),
    };
    nodes.set(node.id, checked);
    checkMap(checked, problems);
    if (env && params.success && definition.preflight) {
      for (const message of preflight(definition, node.params, env)) {
        problems.push({
          code: 'preflight',
          path: ['nodes', index],
          message: `${nodeName(node)}: ${message}`,
          nodeId: node.id,
        });
      }
    }
  });
  return nodes;
}

function checkMap({ index, node, ports }: CheckedNode, problems: Problem[]): void {
  if (!node.map || !ports || ports.inputs.some((port) => port.id === node.map?.port)) return;
  const names = ports.inputs.map((port) => `\`${port.id}\``).join(', ') || 'none';
  problems.push({
    code: 'invalid_map',
    path: ['nodes', index, 'map', 'port'],
    message: `${nodeName(node)}: it maps over input \`${node.map.port}\`, which it does not have (its inputs: ${names}); pick one of them`,
    nodeId: node.id,
  });
}

function preflight(definition: NodeDefinition<any>, params: unknown, env: Env): string[] {
  try {
    return definition.preflight?.(params, env) ?? [];
  } catch (error) {
    return [
      `its preflight check failed: ${error instanceof Error ? error.message : String(error)}`,
    ];
  }
}
