import { CallGraph } from './calls.ts';
import type { CallTypeLookup, PipelineLookup } from './calls.ts';
import type { CheckedNode } from './check-graph.ts';
import { pipelineInputs, pipelineOutputs } from './io.ts';
import type { PipelinePort } from './io.ts';
import type { DynamicInputs } from './node-type.ts';
import type { PortSpec } from './ports.ts';
import type { Problem } from './problems.ts';
import type { PipelineFile } from './schema.ts';

export interface CallCheckOptions {
  /** The saved pipelines a call may run; without it every call is reported. */
  pipelines?: PipelineLookup;
  /** The id the checked file is saved under, so a call of itself (even unsaved) is found. */
  pipelineId?: string;
}

/** Checks a saved pipeline (the caller memoizes by id) and gives its file and problems. */
export type CheckSaved = (
  id: string,
  file: unknown,
) => { pipeline: PipelineFile | undefined; problems: Problem[] };

const name = (node: { id: string; type: string }) => `node \`${node.id}\` (${node.type})`;
const quoted = (names: string[]) => names.map((n) => `\`${n}\``).join(', ');

/**
 * The nodes that run a saved pipeline: the pipeline must exist and be able to run, must not
 * lead back to a pipeline already on the way (`a → b → a`), and the node's grown ports must be
 * its inputs and outputs, whose types they then take.
 */
export function checkCalls(
  pipeline: PipelineFile,
  nodes: Map<string, CheckedNode>,
  types: CallTypeLookup,
  options: CallCheckOptions,
  checkSaved: CheckSaved,
  problems: Problem[],
): void {
  const calls = [...nodes.values()].filter((checked) => checked.definition?.calls);
  if (calls.length === 0) return;
  const { pipelines } = options;
  const graph =
    pipelines && new CallGraph(types, pipelines, { file: pipeline, id: options.pipelineId });
  const loops = graph?.recursion() ?? new Map<string, string[]>();

  for (const checked of calls) {
    const { index, node } = checked;
    const param = checked.definition?.calls?.param as string;
    const report: Report = (code, message, path = ['params', param]) => {
      problems.push({
        code,
        path: ['nodes', index, ...path],
        message: `${name(node)}: ${message}`,
        nodeId: node.id,
      });
    };
    const id = node.params[param];
    if (typeof id !== 'string' || id === '') {
      report('unknown_pipeline', `param \`${param}\` names no pipeline; pick a saved pipeline`);
    } else if (!pipelines) {
      report(
        'unknown_pipeline',
        `saved pipelines are not available here, so pipeline \`${id}\` cannot be called; run it where the saved pipelines are (the server)`,
      );
    } else {
      checkCall(checked, id, loops.get(id), { types, pipelines, checkSaved, report });
    }
  }
}

type Report = (code: Problem['code'], message: string, path?: (string | number)[]) => void;

function checkCall(
  checked: CheckedNode,
  id: string,
  loop: string[] | undefined,
  context: {
    types: CallTypeLookup;
    pipelines: PipelineLookup;
    checkSaved: CheckSaved;
    report: Report;
  },
): void {
  const { types, pipelines, checkSaved, report } = context;
  if (loop) {
    const chain = loop.map((step) => `\`${step}\``).join(' → ');
    report(
      'recursive_call',
      `calling pipeline \`${id}\` would never end: ${chain}; remove the call that closes the loop`,
    );
    return;
  }
  const stored = pipelines.get(id);
  if (stored === undefined) {
    report('unknown_pipeline', `there is no saved pipeline \`${id}\`; pick a saved pipeline`);
    return;
  }
  const child = checkSaved(id, stored);
  if (!child.pipeline || child.problems.length > 0) {
    const [first, ...rest] = child.problems;
    const more = rest.length > 0 ? ` (and ${rest.length} more)` : '';
    const why = first ? `${first.message}${more}` : 'it is not a pipeline file';
    report(
      'invalid_sub_pipeline',
      `saved pipeline \`${id}\` cannot run: ${why}; open it and fix it`,
    );
    return;
  }

  const { definition } = checked;
  const inputs = pipelineInputs(child.pipeline, types);
  const outputs = pipelineOutputs(child.pipeline, types);
  matches(checked, definition?.dynamicInputs, inputs, `inputs of pipeline \`${id}\``, report);
  matches(checked, definition?.dynamicOutputs, outputs, `outputs of pipeline \`${id}\``, report);
  retype(checked, inputs, outputs, child.pipeline);
}

/** Reports when the list param behind a node's grown ports differs from the pipeline's ports. */
function matches(
  { node }: CheckedNode,
  dynamic: DynamicInputs | undefined,
  ports: PipelinePort[],
  what: string,
  report: Report,
): void {
  if (!dynamic) return;
  const raw = node.params[dynamic.param];
  const listed = Array.isArray(raw) ? raw.filter((n): n is string => typeof n === 'string') : [];
  const wanted = ports.map((port) => port.name);
  const add = wanted.filter((n) => !listed.includes(n));
  const remove = listed.filter((n) => !wanted.includes(n));
  if (add.length === 0 && remove.length === 0) return;
  const changes = [
    add.length > 0 ? `add ${quoted(add)}` : '',
    remove.length > 0 ? `remove ${quoted(remove)}` : '',
  ].filter(Boolean);
  report(
    'call_mismatch',
    `param \`${dynamic.param}\` must list the ${what} (${quoted(wanted) || 'none'}): ${changes.join(', ')}; set it to ${JSON.stringify(wanted)}`,
    ['params', dynamic.param],
  );
}

/**
 * Gives the grown ports the types of the pipeline's inputs and outputs, and drops those it does
 * not have (already reported), so they are not also reported as unconnected. An input whose
 * input node has a `default` set may stay unconnected: the called pipeline falls back to it.
 */
function retype(
  checked: CheckedNode,
  inputs: PipelinePort[],
  outputs: PipelinePort[],
  child: PipelineFile,
): void {
  const { ports, definition } = checked;
  if (!ports || !definition) return;
  const withDefault = new Set(
    child.nodes.filter((n) => n.params.default !== undefined).map((n) => n.id),
  );
  const typed = (list: PortSpec[], fixed: PortSpec[], found: PipelinePort[], input: boolean) =>
    list.flatMap((port): PortSpec[] => {
      if (fixed.some((f) => f.id === port.id)) return [port];
      const match = found.find((p) => p.name === port.id);
      if (!match) return [];
      const optional = input && withDefault.has(match.nodeId);
      return [optional ? { ...port, type: match.type, optional } : { ...port, type: match.type }];
    });
  checked.ports = {
    inputs: typed(ports.inputs, definition.inputs, inputs, true),
    outputs: typed(ports.outputs, definition.outputs, outputs, false),
  };
}
