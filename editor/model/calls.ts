import type { DynamicInputs, NodeTypeInfo } from '../../pipeline/node-type.ts';
import { pipelineInputs, pipelineOutputs } from '../../pipeline/io.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { Catalogue } from './ports.ts';

/**
 * The params that give a node the ports of the pipeline it runs: the list behind its type's
 * `dynamicInputs` set to that pipeline's input names, the one behind `dynamicOutputs` to its
 * output names. A node type that grows no ports from a list gets nothing here.
 */
export function callPortParams(
  info: NodeTypeInfo,
  called: PipelineFile,
  catalogue: Catalogue,
): Record<string, string[]> {
  const lookup = { get: (type: string) => catalogue[type] };
  const params: Record<string, string[]> = {};
  const fill = (dynamic: DynamicInputs | undefined, names: string[]) => {
    if (dynamic?.kind === 'list') params[dynamic.param] = [...new Set(names)];
  };
  fill(
    info.dynamicInputs,
    pipelineInputs(called, lookup).map((port) => port.name),
  );
  fill(
    info.dynamicOutputs,
    pipelineOutputs(called, lookup).map((port) => port.name),
  );
  return params;
}
