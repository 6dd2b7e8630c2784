/** Stable codes of the problems a pipeline check can report. */
export type ProblemCode =
  | 'invalid_file'
  | 'unsupported_version'
  | 'unknown_node_type'
  | 'duplicate_id'
  | 'missing_node'
  | 'missing_port'
  | 'input_already_connected'
  | 'port_type_mismatch'
  | 'cycle'
  | 'input_not_connected'
  | 'invalid_params'
  | 'invalid_policy'
  | 'invalid_map'
  | 'preflight'
  | 'unknown_pipeline'
  | 'recursive_call'
  | 'call_mismatch'
  | 'invalid_sub_pipeline';

/** One thing wrong with a pipeline, as data; a check returns every one it finds at once. */
export interface Problem {
  code: ProblemCode;
  /** Where in the file, e.g. `['nodes', 2, 'params', 'width']`. */
  path: (string | number)[];
  /** Names the node or edge and says what to change. */
  message: string;
  nodeId?: string;
  edgeId?: string;
}
