/** Branded ids: a node id can never be passed where an edge id or a run id is expected. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type NodeId = Brand<string, 'NodeId'>;
export type EdgeId = Brand<string, 'EdgeId'>;
export type RunId = Brand<string, 'RunId'>;

export const nodeId = (id: string) => id as NodeId;
export const edgeId = (id: string) => id as EdgeId;
export const runId = (id: string) => id as RunId;
