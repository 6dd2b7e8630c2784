import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { expect } from 'vitest';
import { createLogger } from '../../server/logger.ts';
import { startServer } from '../../server/start.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
const editorDir = path.join(root, 'dist/editor');
export const screenshots = path.join(root, 'test-output/screenshots');
const CHROMIUM = '/usr/bin/chromium';

export interface Editor {
  url: string;
  /** A new tab on the editor at `hash` (e.g. `#/pipelines/example-ocr`), ready to use. */
  open(hash?: string): Promise<Page>;
  /** A new tab on the editor at `hash`, as soon as it has loaded: nothing is waited for. */
  visit(hash?: string): Promise<Page>;
  /** Saves a pipeline file on the server under `id`, as the editor's Save would. */
  save(id: string, file: unknown): Promise<void>;
  close(): Promise<void>;
}

export interface EditorOptions {
  /** The server's environment (e.g. `WEFT_API_TOKEN`); empty by default. */
  env?: Record<string, string>;
}

/**
 * The real server on a free port with a fresh data folder, serving the built editor, and one
 * headless Debian Chromium for the whole test file.
 */
export async function startEditor(options: EditorOptions = {}): Promise<Editor> {
  if (!existsSync(path.join(editorDir, 'index.html'))) {
    throw new Error('the editor is not built: run `npx vite build` (npm test does) first');
  }
  if (!existsSync(CHROMIUM)) {
    throw new Error(`the browser suite needs Chromium at ${CHROMIUM}: apt-get install chromium`);
  }
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'weft-browser-data-'));
  const profile = mkdtempSync(path.join(tmpdir(), 'weft-browser-profile-'));
  const server = await startServer({
    port: 0,
    dataDir,
    editorDir,
    env: options.env ?? {},
    logger: createLogger({ level: 'silent' }),
  });
  // A persistent context is how Playwright takes a fresh profile folder of our choosing.
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1400, height: 860 },
    acceptDownloads: true,
  });

  const token = options.env?.WEFT_API_TOKEN;
  const visit = async (hash = '#/') => {
    const page = await context.newPage();
    // A missing element fails its step with the locator's name, well before the test's limit.
    page.setDefaultTimeout(10_000);
    await page.goto(`${server.url}/${hash}`);
    return page;
  };

  return {
    url: server.url,
    visit,
    async open(hash = '#/') {
      const page = await visit(hash);
      await page.locator('.wpalette-item').first().waitFor();
      if (hash.startsWith('#/pipelines/'))
        await page.locator('.react-flow__node').first().waitFor();
      return page;
    },
    async save(id, file) {
      const response = await fetch(`${server.url}/api/pipelines/${id}`, {
        method: 'PUT',
        headers: {
          'content-type': 'application/json',
          ...(token !== undefined && { authorization: `Bearer ${token}` }),
        },
        body: JSON.stringify(file),
      });
      if (!response.ok) throw new Error(`saving ${id}: ${await response.text()}`);
    },
    async close() {
      await context.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

export const node = (page: Page, id: string) => page.locator(`.react-flow__node[data-id="${id}"]`);

export function handle(page: Page, nodeId: string, port: string, side: 'source' | 'target') {
  return node(page, nodeId).locator(`.react-flow__handle.${side}[data-handleid="${port}"]`);
}

async function centre(locator: Locator) {
  const box = await locator.boundingBox();
  if (!box) throw new Error('element is not on screen');
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

/** Drags a node type from the palette and drops it on the canvas at (x, y) of the canvas. */
export async function dropFromPalette(page: Page, type: string, x: number, y: number) {
  const item = page.locator(`.wpalette-item[data-node-type="${type}"]`);
  await item.scrollIntoViewIfNeeded();
  const from = await centre(item);
  const pane = await page.locator('.react-flow__pane').boundingBox();
  if (!pane) throw new Error('the canvas is not on screen');
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(from.x + 30, from.y, { steps: 3 });
  await page.mouse.move(pane.x + x, pane.y + y, { steps: 5 });
  await page.mouse.up();
}

/** Presses on one handle, moves to another, and (unless `hold`) lets go. */
export async function dragEdge(page: Page, from: Locator, to: Locator, hold = false) {
  const a = await centre(from);
  const b = await centre(to);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(b.x, b.y, { steps: 5 });
  if (!hold) await page.mouse.up();
}

export const shot = (page: Page, name: string) =>
  page.screenshot({ path: path.join(screenshots, `${name}.png`) });

/** What a locator shows, all matches joined; '' when nothing matches yet. */
export const textOf = async (locator: Locator) => (await locator.allTextContents()).join('\n');

/** Polls until the assertion holds, for as long as a page may take to react (runs included). */
export const eventually = <T>(read: () => Promise<T>, timeout = 10_000) =>
  expect.poll(read, { timeout, interval: 100 });
