import { z } from 'zod';
import { NodeRunError } from '../../pipeline/errors.ts';
import type { RunEvent } from '../../pipeline/events.ts';
import type { NodeDefinition } from '../../pipeline/node-type.ts';
import { Registry } from '../../pipeline/registry.ts';
import type { PipelineFile } from '../../pipeline/schema.ts';
import type { Value } from '../../pipeline/values.ts';

/** Resolves after `ms`, or rejects when the signal aborts. */
export function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}

/**
 * Small node types for engine tests, with a record of what ran: `calls` lists node ids as their
 * `run` starts, `aborted` those whose signal fired, and `peak` the most items in flight at once.
 */
export function testNodes() {
  const calls: string[] = [];
  const aborted: string[] = [];
  const attempts = new Map<string, number>();
  const flight = { now: 0, peak: 0 };
  let counter = 0;

  const source: NodeDefinition<{ value: unknown }> = {
    ...base('test.source', [], [{ id: 'out', type: 'any' }]),
    params: z.object({ value: z.unknown().default(1) }) as z.ZodType<{ value: unknown }>,
    async run({ params, context }) {
      calls.push(context.nodeId);
      return { out: params.value as Value };
    },
  };
  const step: NodeDefinition<{ add: number }> = {
    ...base('test.step', [{ id: 'in', type: 'any' }], [{ id: 'out', type: 'any' }]),
    params: z.object({ add: z.number().default(1) }),
    async run({ inputs, params, context }) {
      calls.push(context.nodeId);
      const value = inputs.in;
      return { out: typeof value === 'number' ? value + params.add : (value as Value) };
    },
  };
  const join: NodeDefinition<Record<string, never>> = {
    ...base(
      'test.join',
      [
        { id: 'a', type: 'number' },
        { id: 'b', type: 'number' },
      ],
      [{ id: 'out', type: 'number' }],
    ),
    params: z.object({}) as never,
    async run({ inputs, context }) {
      calls.push(context.nodeId);
      return { out: (inputs.a as number) + (inputs.b as number) };
    },
  };
  const sleep: NodeDefinition<{ ms: number }> = {
    ...base(
      'test.sleep',
      [{ id: 'in', type: 'any', optional: true }],
      [{ id: 'out', type: 'any' }],
    ),
    params: z.object({ ms: z.number().default(50) }),
    async run({ inputs, params, signal, context }) {
      calls.push(context.nodeId);
      signal.addEventListener('abort', () => aborted.push(context.nodeId));
      await wait(params.ms, signal);
      return { out: inputs.in ?? params.ms };
    },
  };
  const fail: NodeDefinition<{ message: string }> = {
    ...base('test.fail', [{ id: 'in', type: 'any', optional: true }], [{ id: 'out', type: 'any' }]),
    params: z.object({ message: z.string().default('it broke') }),
    async run({ params, context }) {
      calls.push(context.nodeId);
      throw new NodeRunError('broken', params.message);
    },
  };
  const flaky: NodeDefinition<{
    failures: number;
    retryable: boolean;
    retryAfterMs?: number | undefined;
  }> = {
    ...base('test.flaky', [], [{ id: 'out', type: 'number' }]),
    params: z.object({
      failures: z.number().default(2),
      retryable: z.boolean().default(true),
      retryAfterMs: z.number().optional(),
    }),
    async run({ params, context }) {
      calls.push(context.nodeId);
      const attempt = (attempts.get(context.nodeId) ?? 0) + 1;
      attempts.set(context.nodeId, attempt);
      if (attempt <= params.failures) {
        throw new NodeRunError('rate_limited', `busy (attempt ${attempt})`, {
          retryable: params.retryable,
          ...(params.retryAfterMs === undefined ? {} : { retryAfterMs: params.retryAfterMs }),
        });
      }
      return { out: attempt };
    },
  };
  const random: NodeDefinition<Record<string, never>> = {
    ...base('test.random', [], [{ id: 'out', type: 'number' }]),
    params: z.object({}) as never,
    deterministic: false,
    async run({ context }) {
      calls.push(context.nodeId);
      return { out: ++counter };
    },
  };
  const item: NodeDefinition<{ failOn: number; ms: number }> = {
    ...base('test.item', [{ id: 'in', type: 'number' }], [{ id: 'out', type: 'number' }]),
    params: z.object({ failOn: z.number().default(-1), ms: z.number().default(5) }),
    async run({ inputs, params, signal, context }) {
      calls.push(context.nodeId);
      flight.now++;
      flight.peak = Math.max(flight.peak, flight.now);
      try {
        // Later items finish sooner, so results arrive out of order.
        await wait(params.ms * (1 + ((inputs.in as number) % 3)), signal);
        if (inputs.in === params.failOn) throw new NodeRunError('bad_item', 'cannot use this one');
        return { out: (inputs.in as number) * 10 };
      } finally {
        flight.now--;
      }
    },
  };
  const input: NodeDefinition<{ name: string }> = {
    ...base('test.input', [], [{ id: 'value', type: 'any' }]),
    io: 'input',
    params: z.object({ name: z.string().min(1) }),
    async run({ inputs }) {
      return { value: inputs.value };
    },
  };
  const output: NodeDefinition<{ name: string }> = {
    ...base('test.output', [{ id: 'value', type: 'any' }], [{ id: 'value', type: 'any' }]),
    io: 'output',
    params: z.object({ name: z.string().min(1) }),
    async run({ inputs }) {
      return { value: inputs.value };
    },
  };

  const definitions = [source, step, join, sleep, fail, flaky, random, item, input, output];
  const all = definitions as NodeDefinition<any>[];
  return { registry: new Registry(all), definitions: all, calls, aborted, flight };
}

function base(type: string, inputs: NodeDefinition['inputs'], outputs: NodeDefinition['outputs']) {
  return {
    type,
    title: type,
    description: `A ${type} node for tests.`,
    category: 'transform' as const,
    version: 1,
    inputs,
    outputs,
  };
}

type Spec = [id: string, type: string, params?: Record<string, unknown>];

/** A pipeline from `[id, type, params]` nodes and `source.port->target.port` edges. */
export function pipeline(
  nodes: Spec[],
  edges: string[] = [],
  extra: Partial<Record<string, Partial<PipelineFile['nodes'][number]>>> = {},
): PipelineFile {
  return {
    version: 1,
    name: 'test',
    nodes: nodes.map(([id, type, params = {}]) => ({
      id,
      type,
      position: { x: 0, y: 0 },
      params,
      ...extra[id],
    })),
    edges: edges.map((text, index) => {
      const [from, to] = text.split('->') as [string, string];
      const [source, sourcePort] = from.split('.') as [string, string];
      const [target, targetPort] = to.split('.') as [string, string];
      return { id: `e${index}`, source, sourcePort, target, targetPort };
    }),
  };
}

/** Records a run's events, with helpers to find them. */
export function recorder() {
  const events: RunEvent[] = [];
  const find = <T extends RunEvent['type']>(type: T, nodeId?: string) =>
    events.filter(
      (e): e is Extract<RunEvent, { type: T }> =>
        e.type === type && (nodeId === undefined || ('nodeId' in e && e.nodeId === nodeId)),
    );
  const first = <T extends RunEvent['type']>(type: T, nodeId: string) => {
    const found = find(type, nodeId)[0];
    if (!found) throw new Error(`no ${type} event for ${nodeId}`);
    return found;
  };
  return { events, find, first, onEvent: (event: RunEvent) => void events.push(event) };
}
