import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Editor } from './harness.ts';
import {
  dragEdge,
  dropFromPalette,
  eventually,
  handle,
  node,
  shot,
  startEditor,
  textOf,
} from './harness.ts';

let editor: Editor;
beforeAll(async () => {
  editor = await startEditor();
});
afterAll(async () => {
  await editor?.close();
});

/** A saved pipeline with one input, `name`, and one output, `greeting`. */
const greet = {
  version: 1,
  name: 'Greet',
  nodes: [
    { id: 'name', type: 'text.input', position: { x: 0, y: 0 }, params: { name: 'name' } },
    {
      id: 'hello',
      type: 'text.template',
      position: { x: 300, y: 0 },
      params: { template: 'Hello, {{name}}!' },
    },
    {
      id: 'out',
      type: 'output.text',
      position: { x: 600, y: 0 },
      params: { name: 'greeting' },
    },
  ],
  edges: [
    { id: 'e1', source: 'name', sourcePort: 'text', target: 'hello', targetPort: 'name' },
    { id: 'e2', source: 'hello', sourcePort: 'text', target: 'out', targetPort: 'value' },
  ],
};

/** Two branches: words -> first -> second -> out, and other -> side -> aside. */
const chain = {
  version: 1,
  name: 'Chain',
  nodes: [
    { id: 'words', type: 'text.constant', position: { x: 0, y: 0 }, params: { text: 'hi' } },
    {
      id: 'first',
      type: 'text.template',
      position: { x: 300, y: 0 },
      params: { template: '{{a}}!' },
    },
    {
      id: 'second',
      type: 'text.template',
      position: { x: 600, y: 0 },
      params: { template: '{{a}}?' },
    },
    { id: 'out', type: 'output.text', position: { x: 900, y: 0 }, params: { name: 'result' } },
    { id: 'other', type: 'text.constant', position: { x: 0, y: 250 }, params: { text: 'x' } },
    {
      id: 'side',
      type: 'text.template',
      position: { x: 300, y: 250 },
      params: { template: '{{a}}.' },
    },
    { id: 'aside', type: 'output.text', position: { x: 600, y: 250 }, params: { name: 'side' } },
  ],
  edges: [
    { id: 'e1', source: 'words', sourcePort: 'text', target: 'first', targetPort: 'a' },
    { id: 'e2', source: 'first', sourcePort: 'text', target: 'second', targetPort: 'a' },
    { id: 'e3', source: 'second', sourcePort: 'text', target: 'out', targetPort: 'value' },
    { id: 'e4', source: 'other', sourcePort: 'text', target: 'side', targetPort: 'a' },
    { id: 'e5', source: 'side', sourcePort: 'text', target: 'aside', targetPort: 'value' },
  ],
};

/** Each node's badge, '' for a node the current run leaves alone. */
async function badges(page: Page): Promise<Record<string, string>> {
  const entries = await Promise.all(
    chain.nodes.map(async ({ id }) => [id, await textOf(node(page, id).locator('.wbadge'))]),
  );
  return Object.fromEntries(entries);
}

async function fromMenu(page: Page, nodeId: string, item: 'Run to here' | 'Run from here') {
  await page.getByRole('button', { name: `Menu of ${nodeId}` }).click();
  await page.getByRole('menuitem', { name: item }).click();
  await eventually(() => textOf(page.locator('.wrun-status'))).toMatch('succeeded');
}

describe('runs in the editor', () => {
  it('calls a saved pipeline: picking it gives the node its ports, and the run shows its output', async () => {
    await editor.save('greet', greet);
    const page = await editor.open();
    await dropFromPalette(page, 'text.constant', 40, 160);
    await dropFromPalette(page, 'pipeline.call', 330, 160);
    await dropFromPalette(page, 'output.text', 640, 160);
    await eventually(() => page.locator('.react-flow__node').count()).toBe(3);

    await node(page, 'text-constant').locator('.wnode-header').click();
    await page.locator('#param-text').fill('Ada');
    await node(page, 'pipeline-call').locator('.wnode-header').click();
    await page.locator('#param-pipeline').selectOption('greet');
    const input = handle(page, 'pipeline-call', 'name', 'target');
    const output = handle(page, 'pipeline-call', 'greeting', 'source');
    await eventually(() => input.count()).toBe(1);
    await eventually(() => output.count()).toBe(1);
    await eventually(() => page.locator('#param-inputs').inputValue()).toBe('name');
    await eventually(() => page.locator('#param-outputs').inputValue()).toBe('greeting');

    // The pick and the ports it brought are one undo step.
    await page.locator('.react-flow__pane').click({ position: { x: 20, y: 20 } });
    await page.keyboard.press('Control+z');
    await eventually(() => input.count()).toBe(0);
    expect(await output.count()).toBe(0);
    await page.keyboard.press('Control+Shift+z');
    await eventually(() => input.count()).toBe(1);

    await dragEdge(page, handle(page, 'text-constant', 'text', 'source'), input);
    await dragEdge(page, output, handle(page, 'output-text', 'value', 'target'));
    await eventually(() => page.locator('.react-flow__edge').count()).toBe(2);
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const result = node(page, 'output-text').locator('.wpreview-text');
    await eventually(() => textOf(result)).toBe('Hello, Ada!');
    await eventually(() => textOf(node(page, 'pipeline-call').locator('.wpreview'))).toMatch(
      'Hello, Ada!',
    );
    // The check runs a moment after the last edit; the marks it left must be gone.
    await eventually(() => page.locator('.wnode-problems').count()).toBe(0);
    await node(page, 'pipeline-call').locator('.wnode-header').click();
    await shot(page, '7-pipeline-call');
    await page.close();
  });

  it('shows a large JSON result as a folded tree with counts, marking what was left out', async () => {
    const rows = Array.from({ length: 200 }, (_, i) => ({ id: i, name: `row ${i}`, tags: ['a'] }));
    const file = {
      version: 1,
      name: 'Big JSON',
      nodes: [
        {
          id: 'source',
          type: 'text.constant',
          position: { x: 0, y: 0 },
          params: { text: JSON.stringify({ total: 200, rows }) },
        },
        { id: 'parse', type: 'transform.parse-json', position: { x: 300, y: 0 }, params: {} },
        { id: 'out', type: 'output.json', position: { x: 600, y: 0 }, params: { name: 'rows' } },
      ],
      edges: [
        { id: 'e1', source: 'source', sourcePort: 'text', target: 'parse', targetPort: 'text' },
        { id: 'e2', source: 'parse', sourcePort: 'value', target: 'out', targetPort: 'value' },
      ],
    };
    await editor.save('big-json', file);
    const page = await editor.open('#/pipelines/big-json');
    await page.getByRole('button', { name: 'Run', exact: true }).click();

    const tree = node(page, 'parse').locator('.wpreview-json');
    await eventually(() => textOf(tree.locator('summary').first())).toBe('{2 keys}');
    const list = tree.locator('details details').first();
    expect(await textOf(list.locator(':scope > summary'))).toBe('rows: [200 items]');
    expect(await list.getAttribute('open')).toBeNull();
    expect(await textOf(tree.locator('.wjson-leaf').first())).toBe('total: 200');
    expect(await textOf(tree.locator('.wpreview-note'))).toMatch('Shortened');

    await list.locator(':scope > summary').click();
    await eventually(() => list.evaluate((e) => (e as HTMLDetailsElement).open)).toBe(true);
    expect(await textOf(list.locator(':scope > details > summary').first())).toBe(
      '0: {3 keys} id: 0, name: "row 0", tags: [1]',
    );
    expect(await textOf(list.locator(':scope > .wjson-cut'))).toMatch(/… \d+ more items/);
    await shot(page, '8-json-preview');
    await page.close();
  });

  it('runs to a node and from a node from its menu, computing only what each needs', async () => {
    await editor.save('chain', chain);
    const page = await editor.open('#/pipelines/chain');

    await fromMenu(page, 'first', 'Run to here');
    await eventually(() => badges(page)).toEqual({
      words: expect.stringMatching(/^(done|cached)/),
      first: expect.stringMatching(/^(done|cached)/),
      second: '',
      out: '',
      other: '',
      side: '',
      aside: '',
    });
    expect(await textOf(node(page, 'first').locator('.wpreview-text'))).toBe('hi!');

    // What `second` needs comes from the cache; it and what follows are computed again.
    await fromMenu(page, 'second', 'Run from here');
    await eventually(() => badges(page)).toEqual({
      words: 'cached',
      first: 'cached',
      second: expect.stringMatching(/^done \d+ ms$/),
      out: expect.stringMatching(/^done \d+ ms$/),
      other: '',
      side: '',
      aside: '',
    });
    expect(await textOf(node(page, 'out').locator('.wpreview-text'))).toBe('hi!?');
    await shot(page, '12-run-from');
    await page.close();
  });

  it('reopens a past run from the history, with its node states and outputs', async () => {
    await editor.save('chain-2', { ...chain, name: 'Chain again' });
    const page = await editor.open('#/pipelines/chain-2');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await eventually(() => textOf(page.locator('.wrun-status'))).toMatch('succeeded');
    await fromMenu(page, 'words', 'Run to here');
    await eventually(() => badges(page)).toMatchObject({ words: 'cached', first: '' });

    await page.getByRole('tab', { name: 'Runs' }).click();
    const rows = page.locator('.wlist-row', { hasText: 'Chain again' });
    await eventually(() => rows.count()).toBe(2);
    expect(await textOf(rows.first().locator('.wbadge'))).toBe('succeeded');

    // Newest first: the second row is the full run (partly from the cache of the test above).
    await rows.nth(1).locator('.wlist-main').click();
    const ran = expect.stringMatching(/^(done|cached)/);
    await eventually(() => badges(page)).toEqual(
      Object.fromEntries(chain.nodes.map(({ id }) => [id, ran])),
    );
    expect(await textOf(node(page, 'aside').locator('.wpreview-text'))).toBe('x.');
    await eventually(() => rows.nth(1).getAttribute('class')).toMatch('current');
    // A run of the pipeline on the canvas leaves it the saved pipeline it was.
    expect(await textOf(page.locator('.wdirty'))).toBe('saved');
    expect(page.url()).toMatch('#/pipelines/chain-2');
    await shot(page, '13-run-reopened');

    await rows.first().locator('.wlist-main').click();
    await eventually(() => badges(page)).toMatchObject({ words: 'cached', first: '', out: '' });

    // A run of another saved pipeline opens that saved pipeline, not an unsaved copy of it.
    await page
      .locator('.wlist-name', { hasText: / Chain$/ })
      .first()
      .click();
    await eventually(() => page.getByLabel('Pipeline name').inputValue()).toBe('Chain');
    await eventually(() => textOf(node(page, 'out').locator('.wbadge'))).toMatch(/^done/);
    expect(await textOf(page.locator('.wdirty'))).toBe('saved');
    expect(page.url()).toMatch(/#\/pipelines\/chain$/);
    await page.getByRole('tab', { name: 'Pipelines' }).click();
    expect(await page.locator('.wlist-row.current').getAttribute('data-pipeline-id')).toBe('chain');

    // Saved again since it ran: the run opens as it ran, marked as not what is saved.
    await editor.save('chain', { ...chain, name: 'Chain, renamed' });
    await page.getByRole('tab', { name: 'Runs' }).click();
    await rows.first().locator('.wlist-main').click();
    await eventually(() => page.getByLabel('Pipeline name').inputValue()).toBe('Chain again');
    await page
      .locator('.wlist-name', { hasText: / Chain$/ })
      .first()
      .click();
    await eventually(() => page.getByLabel('Pipeline name').inputValue()).toBe('Chain');
    expect(await textOf(page.locator('.wdirty'))).toBe('unsaved');
    expect(page.url()).toMatch(/#\/pipelines\/chain$/);
    await page.close();
  });
});
