// Time to open a 1,000-node, 1,000-edge pipeline in Chromium: Weft's editor (served by the real
// server, its one node component drawing real node types) against React Flow drawing the same
// graph with its default nodes, measured in the same run. Also frames per second while panning.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { build } from 'vite';
import type { PipelineFile } from '../pipeline/schema.ts';
import { createLogger } from '../server/logger.ts';
import { startServer } from '../server/start.ts';

const print = (line: string) => process.stdout.write(`${line}\n`);
const root = fileURLToPath(new URL('..', import.meta.url));
const ROWS = 10;
const COLUMNS = 100;
const TIMES = Number(process.env.BENCH_TIMES ?? 5);

/**
 * 10 rows of 100 nodes: a text constant, then templates `{{a}}` each fed by its left neighbour;
 * the second node of each row also takes `{{b}}` from another row, for 1,000 edges in all. Every
 * input is connected, so the pipeline is valid and opens without problem marks.
 */
function bigPipeline(): PipelineFile {
  const id = (row: number, column: number) => `r${row}c${column}`;
  const nodes: PipelineFile['nodes'] = [];
  const edges: PipelineFile['edges'] = [];
  const link = (source: string, target: string, port: string) =>
    edges.push({
      id: `e${edges.length + 1}`,
      source,
      sourcePort: 'text',
      target,
      targetPort: port,
    });
  for (let row = 0; row < ROWS; row++) {
    for (let column = 0; column < COLUMNS; column++) {
      const position = { x: column * 300, y: row * 220 };
      const template = column === 1 ? '{{a}} {{b}}' : '{{a}}!';
      nodes.push(
        column === 0
          ? { id: id(row, 0), type: 'text.constant', position, params: { text: `row ${row}` } }
          : { id: id(row, column), type: 'text.template', position, params: { template } },
      );
      if (column > 0) link(id(row, column - 1), id(row, column), 'a');
    }
  }
  for (let row = 0; row < ROWS; row++) link(id((row + 1) % ROWS, 0), id(row, 1), 'b');
  return { version: 1, name: '1,000 nodes', nodes, edges };
}

/** Milliseconds from navigation to the frame where every node and edge is on the page. */
async function timeToOpen(page: Page, url: string, nodes: number, edges: number) {
  await page.goto('about:blank');
  await page.goto(url);
  const handle = await page
    .waitForFunction(
      ([n, e]) =>
        document.querySelectorAll('.react-flow__node').length >= (n as number) &&
        document.querySelectorAll('.react-flow__edge').length >= (e as number) &&
        performance.now(),
      [nodes, edges],
      { polling: 'raf', timeout: 60_000 },
    )
    .catch(async (error: Error) => {
      const seen = await page.evaluate(() => [
        document.querySelectorAll('.react-flow__node').length,
        document.querySelectorAll('.react-flow__edge').length,
      ]);
      throw new Error(`${url} showed ${seen[0]} nodes and ${seen[1]} edges: ${error.message}`);
    });
  return (await handle.jsonValue()) as number;
}

/** Frames drawn per second while the canvas is dragged across for about a second. */
async function panFps(page: Page): Promise<number> {
  const box = await page.locator('.react-flow__pane').boundingBox();
  if (!box) return 0;
  // A string, not a function: tsx would wrap a named function in a helper the page lacks.
  await page.evaluate(`
    window.benchFrames = 0;
    window.benchCounting = true;
    requestAnimationFrame(function tick() {
      window.benchFrames++;
      if (window.benchCounting) requestAnimationFrame(tick);
    });
  `);
  const start = Date.now();
  const y = box.y + box.height / 2;
  await page.mouse.move(box.x + box.width - 50, y);
  await page.mouse.down();
  await page.mouse.move(box.x + 50, y, { steps: 60 });
  await page.mouse.up();
  const seconds = (Date.now() - start) / 1000;
  const frames = (await page.evaluate(
    'window.benchCounting = false; window.benchFrames',
  )) as number;
  return frames / seconds;
}

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

export default async function editorBench(): Promise<void> {
  const work = mkdtempSync(path.join(tmpdir(), 'weft-editor-bench-'));
  const baselineDir = path.join(work, 'baseline');
  const editorDir = path.join(work, 'editor');
  const quiet = { logLevel: 'warn' as const };
  await build({
    configFile: path.join(root, 'vite.config.ts'),
    build: { outDir: editorDir, emptyOutDir: true },
    ...quiet,
  });
  await build({
    configFile: false,
    root: path.join(root, 'bench/react-flow'),
    base: './',
    plugins: [react()],
    build: { outDir: baselineDir, emptyOutDir: true, chunkSizeWarningLimit: 2000 },
    ...quiet,
  });

  const server = await startServer({
    port: 0,
    dataDir: path.join(work, 'data'),
    editorDir,
    env: {},
    logger: createLogger({ level: 'silent' }),
  });
  const context = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-sync'],
    viewport: { width: 1400, height: 860 },
  });
  try {
    const pipeline = bigPipeline();
    const saved = await fetch(`${server.url}/api/pipelines?id=bench-1000`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(pipeline),
    });
    const answer = (await saved.json()) as { problems?: unknown[] };
    if (!saved.ok || answer.problems?.length) {
      throw new Error(`the bench pipeline is not valid: ${JSON.stringify(answer).slice(0, 500)}`);
    }

    // The baseline page is served from the same origin, so it reads the pipeline from the same API.
    const page = await context.newPage();
    await page.route(`${server.url}/baseline/**`, (route) => {
      const file =
        new URL(route.request().url()).pathname.replace('/baseline/', '') || 'index.html';
      const type = file.endsWith('.js')
        ? 'text/javascript'
        : file.endsWith('.css')
          ? 'text/css'
          : 'text/html';
      return route.fulfill({ body: readFileSync(path.join(baselineDir, file)), contentType: type });
    });
    const weftUrl = `${server.url}/#/pipelines/bench-1000`;
    const baselineUrl = `${server.url}/baseline/index.html?pipeline=bench-1000`;
    const { nodes, edges } = { nodes: pipeline.nodes.length, edges: pipeline.edges.length };

    const weft: number[] = [];
    const baseline: number[] = [];
    await timeToOpen(page, weftUrl, nodes, edges); // warm both caches once
    await timeToOpen(page, baselineUrl, nodes, edges);
    for (let i = 0; i < TIMES; i++) {
      weft.push(await timeToOpen(page, weftUrl, nodes, edges));
      baseline.push(await timeToOpen(page, baselineUrl, nodes, edges));
    }
    const baselineFps = await panFps(page); // the last page opened is the baseline
    await timeToOpen(page, weftUrl, nodes, edges);
    const editorFps = await panFps(page);

    const [w, b] = [median(weft), median(baseline)];
    print(
      `open a ${nodes}-node, ${edges}-edge pipeline: Weft editor ${w.toFixed(0)} ms, ` +
        `React Flow default nodes ${b.toFixed(0)} ms (median of ${TIMES})`,
    );
    print(`  Weft / React Flow = ${(w / b).toFixed(2)}x`);
    print(`  panning: Weft ${editorFps.toFixed(0)} fps, React Flow ${baselineFps.toFixed(0)} fps`);
  } finally {
    await context.close();
    await server.close();
    rmSync(work, { recursive: true, force: true });
  }
}
