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
});
