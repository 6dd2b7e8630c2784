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
});
