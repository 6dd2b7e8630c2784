// The engine's own cost: the same node functions run through `runPipeline` and called directly
// in topological order, and a re-run after one edit against the full run.
import { topologicalOrder } from '../pipeline/graph.ts';
import type { NodeContext } from '../pipeline/node-type.ts';
import type { PipelineFile } from '../pipeline/schema.ts';
import type { Value } from '../pipeline/values.ts';
import sharp from 'sharp';
import { registry } from '../nodes/index.ts';
import { imageFromBytes } from '../nodes/image/sharp-image.ts';
import { MemoryCache, runPipeline } from '../server/engine/index.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);

type Spec = { id: string; type: string; params: Record<string, unknown> };
type Link = [source: string, sourcePort: string, target: string, targetPort: string];

function file(nodes: Spec[], links: Link[]): PipelineFile {
  return {
    version: 1,
    name: 'bench',
    nodes: nodes.map((node) => ({ ...node, position: { x: 0, y: 0 } })),
    edges: links.map(([source, sourcePort, target, targetPort], i) => ({
      id: `e${i}`,
      source,
      sourcePort,
      target,
      targetPort,
    })),
  };
}

/**
 * A text split into a list and joined again, over and over: `chains` chains of `length`
 * transform nodes hanging off one `text.constant`.
 */
function splitJoin(chains: number, length: number): PipelineFile {
  const nodes: Spec[] = [
    { id: 'text', type: 'text.constant', params: { text: 'alpha,beta,gamma' } },
  ];
  const links: Link[] = [];
  for (let c = 0; c < chains; c++) {
    let previous: [string, string] = ['text', 'text'];
    for (let i = 0; i < length; i++) {
      const id = `c${c}n${String(i).padStart(5, '0')}`;
      const split = i % 2 === 0;
      nodes.push({
        id,
        type: split ? 'transform.split' : 'transform.join',
        params: { separator: ',' },
      });
      links.push([...previous, id, split ? 'text' : 'items']);
      previous = [id, split ? 'items' : 'text'];
    }
  }
  return file(nodes, links);
}

/** Calls each node's `run` in topological order, handing outputs along the edges by hand. */
async function direct(pipeline: PipelineFile): Promise<void> {
  const signal = new AbortController().signal;
  const context: NodeContext = {
    nodeId: '',
    progress: () => {},
    stream: () => {},
    log: () => {},
    usage: () => {},
    env: {},
  };
  const byId = new Map(pipeline.nodes.map((node) => [node.id, node]));
  const incoming = new Map<string, PipelineFile['edges']>();
  for (const edge of pipeline.edges) {
    incoming.set(edge.target, [...(incoming.get(edge.target) ?? []), edge]);
  }
  const params = new Map(
    pipeline.nodes.map((node) => [node.id, registry.get(node.type)!.params.parse(node.params)]),
  );
  const outputs = new Map<string, Record<string, Value | undefined>>();
  for (const id of topologicalOrder(pipeline).order) {
    const node = byId.get(id)!;
    const inputs: Record<string, Value | undefined> = {};
    for (const edge of incoming.get(id) ?? []) {
      inputs[edge.targetPort] = outputs.get(edge.source)?.[edge.sourcePort];
    }
    const run = registry.get(node.type)!.run;
    outputs.set(id, await run({ inputs, params: params.get(id), signal, context }));
  }
}

async function median(times: number, work: () => Promise<unknown>): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const start = performance.now();
    await work();
    samples.push(performance.now() - start);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)] as number;
}

async function ensureSucceeds(pipeline: PipelineFile): Promise<void> {
  const result = await runPipeline(pipeline, { registry });
  if (result.status !== 'succeeded')
    throw new Error(`bench pipeline failed: ${result.error?.message}`);
}

export default async function engineBench(): Promise<void> {
  const chain = splitJoin(1, 9_999);
  await ensureSucceeds(chain);
  const through = await median(5, () => runPipeline(chain, { registry }));
  const byHand = await median(5, () => direct(chain));
  print(
    `10,000-node transform chain: engine ${through.toFixed(0)} ms, direct calls ${byHand.toFixed(0)} ms`,
  );
  print(`  engine / direct = ${(through / byHand).toFixed(2)}x`);

  // Nodes that cost next to nothing: what is left is the engine's per-run check and hashing.
  const wide = splitJoin(10, 100);
  await ensureSucceeds(wide);
  await compareRerun('1,000-node transform pipeline (10 chains of 100)', wide, {}, () => ({
    separator: ';',
  }));

  // Nodes that do real work, as image and model nodes do: what the cache saves.
  const photo = await imageFromBytes(
    await sharp({ create: { width: 96, height: 96, channels: 3, background: '#4a7' } })
      .png()
      .toBuffer(),
  );
  const images = blurChains(10, 100);
  await compareRerun(
    '1,000-node image pipeline (10 chains of 100 blurs)',
    images,
    { photo },
    () => ({
      sigma: 1.5,
    }),
  );
}

/** Prints a full run against a re-run after editing one node in the middle of chain 4. */
async function compareRerun(
  label: string,
  pipeline: PipelineFile,
  inputs: Record<string, Value>,
  edit: () => Record<string, unknown>,
): Promise<void> {
  const full = await median(3, () =>
    runPipeline(pipeline, { registry, inputs, cache: new MemoryCache() }),
  );
  const { ms: rerun, recomputed } = await rerunAfterEdit(pipeline, inputs, 'c4n00051', edit);
  print(
    `${label}: full run ${full.toFixed(1)} ms, ` +
      `re-run after one edit ${rerun.toFixed(1)} ms (${recomputed} nodes recomputed)`,
  );
  print(`  re-run / full run = ${(rerun / full).toFixed(2)}`);
}

/** An image blurred again and again: `chains` chains of `length` `image.blur` nodes. */
function blurChains(chains: number, length: number): PipelineFile {
  const nodes: Spec[] = [{ id: 'photo', type: 'image.input', params: { name: 'photo' } }];
  const links: Link[] = [];
  for (let c = 0; c < chains; c++) {
    let previous = 'photo';
    for (let i = 0; i < length; i++) {
      const id = `c${c}n${String(i).padStart(5, '0')}`;
      nodes.push({ id, type: 'image.blur', params: { sigma: 0.5 } });
      links.push([previous, 'image', id, 'image']);
      previous = id;
    }
  }
  return file(nodes, links);
}

/** Median time of a run after editing one node's params, its cache filled by the run before. */
async function rerunAfterEdit(
  pipeline: PipelineFile,
  inputs: Record<string, Value>,
  nodeId: string,
  edit: () => Record<string, unknown>,
) {
  const samples: number[] = [];
  let recomputed = 0;
  for (let i = 0; i < 3; i++) {
    const cache = new MemoryCache();
    await runPipeline(pipeline, { registry, inputs, cache });
    const edited = structuredClone(pipeline);
    edited.nodes.find((node) => node.id === nodeId)!.params = edit();
    recomputed = 0;
    const start = performance.now();
    await runPipeline(edited, {
      registry,
      inputs,
      cache,
      onEvent: (event) => {
        if (event.type === 'node.finished' && !event.cached) recomputed++;
      },
    });
    samples.push(performance.now() - start);
  }
  return { ms: samples.sort((a, b) => a - b)[1] as number, recomputed };
}
