import { z } from 'zod';

/** The file format version this code writes. Older versions are migrated on load. */
export const FORMAT_VERSION = 1;

const Position = z.object({
  /** Canvas x of the node's top-left corner, in React Flow units. */
  x: z.number(),
  /** Canvas y of the node's top-left corner. */
  y: z.number(),
});

/** How the engine treats one node beyond its params. Every node type takes the same policy. */
export const NodePolicySchema = z
  .object({
    /** Milliseconds one attempt may take before it fails with a time-out. */
    timeoutMs: z.number().int().positive().max(86_400_000).optional(),
    /** Extra attempts after a retryable failure (provider 429 or 5xx, time-out). */
    retries: z.number().int().min(0).max(10).optional(),
    /** Wait before the first retry, doubled for each further one. */
    backoffMs: z.number().int().min(0).max(600_000).optional(),
    /** `fail` stops the node's descendants; `continue` gives them empty outputs instead. */
    onFailure: z.enum(['fail', 'continue']).optional(),
    /** Cache a node whose type is non-deterministic (a model call with temperature above 0). */
    cache: z.boolean().optional(),
  })
  .strict();

/** Run a node once per item of a list on one input port. */
export const NodeMapSchema = z
  .object({
    /** The input port whose value is a list; each item is given to one run of the node. */
    port: z.string().min(1),
    /** How many items may run at once. */
    concurrency: z.number().int().min(1).max(64).default(4),
  })
  .strict();

export const PipelineNodeSchema = z
  .object({
    /** Unique within the pipeline and stable across saves, so diffs stay readable. */
    id: z.string().min(1).max(128),
    /** A registered node type, `category.name`, e.g. `image.resize`. */
    type: z.string().min(1).max(128),
    /** Where the node sits on the canvas. */
    position: Position,
    /** The node's own settings, checked against its type's params schema. Never a secret. */
    params: z.record(z.string(), z.unknown()).default({}),
    /** A name shown instead of the node type's title. */
    label: z.string().max(200).optional(),
    policy: NodePolicySchema.optional(),
    map: NodeMapSchema.optional(),
  })
  .strict();

export const PipelineEdgeSchema = z
  .object({
    /** Unique within the pipeline and stable across saves. */
    id: z.string().min(1).max(128),
    /** The node the value comes from. */
    source: z.string().min(1),
    /** The output port of `source`. */
    sourcePort: z.string().min(1),
    /** The node the value goes to. */
    target: z.string().min(1),
    /** The input port of `target`. */
    targetPort: z.string().min(1),
  })
  .strict();

/** A saved pipeline, format version 1. */
export const PipelineFileSchema = z
  .object({
    /** The format version; a file of a newer version is refused. */
    version: z.literal(FORMAT_VERSION),
    /** A short human name. */
    name: z.string().max(200).default('Untitled'),
    description: z.string().max(10_000).optional(),
    nodes: z.array(PipelineNodeSchema),
    edges: z.array(PipelineEdgeSchema),
    /** Editor-only state (viewport, notes, colours); never changes what a run does. */
    ui: z.record(z.string(), z.unknown()).optional(),
  })
  .strict();

export type NodePolicy = z.infer<typeof NodePolicySchema>;
export type NodeMap = z.infer<typeof NodeMapSchema>;
export type PipelineNode = z.infer<typeof PipelineNodeSchema>;
export type PipelineEdge = z.infer<typeof PipelineEdgeSchema>;
export type PipelineFile = z.infer<typeof PipelineFileSchema>;
