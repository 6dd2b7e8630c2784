import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Editor } from './harness.ts';
import { dropFromPalette, eventually, node, shot, startEditor, textOf } from './harness.ts';

let editor: Editor;
beforeAll(async () => {
  editor = await startEditor();
});
afterAll(async () => {
  await editor?.close();
});

describe('the canvas', () => {
  it('places a node dropped onto another just below it, covering nothing', async () => {
    const page = await editor.open();
    await dropFromPalette(page, 'text.input', 200, 120);
    await dropFromPalette(page, 'text.template', 220, 140);
    await dropFromPalette(page, 'output.text', 210, 130);
    await eventually(() => page.locator('.react-flow__node').count()).toBe(3);

    const boxes = await Promise.all(
      ['text-input', 'text-template', 'output-text'].map(async (id) => {
        const box = await node(page, id).boundingBox();
        if (!box) throw new Error(`${id} is not on screen`);
        return box;
      }),
    );
    for (const [i, a] of boxes.entries()) {
      for (const b of boxes.slice(i + 1)) {
        const apart =
          a.x + a.width <= b.x ||
          b.x + b.width <= a.x ||
          a.y + a.height <= b.y ||
          b.y + b.height <= a.y;
        expect(apart, `${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(true);
      }
    }
    // Each still lands at the column it was dropped in.
    expect(Math.abs((boxes[1]?.x ?? 0) - (boxes[0]?.x ?? 0))).toBeLessThan(30);
    await shot(page, '9-dropped-apart');
    await page.close();
  });

  it('draws an edge into a port the node lacks as broken, and lets it be deleted', async () => {
    const page = await editor.open();
    const file = {
      version: 1,
      name: 'Dangling',
      nodes: [
        { id: 'photo', type: 'image.input', position: { x: 0, y: 0 }, params: { name: 'photo' } },
        { id: 'ocr', type: 'image.ocr', position: { x: 320, y: 0 }, params: {} },
      ],
      edges: [
        { id: 'e1', source: 'photo', sourcePort: 'image', target: 'ocr', targetPort: 'picture' },
      ],
    };
    await page.getByLabel('Import a pipeline file').setInputFiles({
      name: 'dangling.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(file)),
    });
    const edge = page.locator('.react-flow__edge');
    await eventually(() => edge.count()).toBe(1);
    expect(await edge.getAttribute('class')).toMatch('edge-broken');
    const missing = node(page, 'ocr').locator('.wport-missing');
    expect(await textOf(missing)).toMatch(/picture\s*no such port/);
    await eventually(() => textOf(node(page, 'ocr').locator('.wnode-problems'))).toMatch('picture');
    await shot(page, '10-broken-edge');

    await edge.click();
    await eventually(() => edge.getAttribute('class')).toMatch('selected');
    await page.keyboard.press('Delete');
    await eventually(() => edge.count()).toBe(0);
    expect(await missing.count()).toBe(0);
    await page.close();
  });

  it('copies and pastes nodes with the keyboard, under fresh ids with their inner edge', async () => {
    const page = await editor.open('#/pipelines/example-ocr');
    const nodes = page.locator('.react-flow__node');
    const edges = page.locator('.react-flow__edge');
    await eventually(() => edges.count()).toBe(2);

    await node(page, 'image').locator('.wnode-header').click();
    await node(page, 'ocr')
      .locator('.wnode-header')
      .click({ modifiers: ['Shift'] });
    await eventually(() => page.locator('.react-flow__node.selected').count()).toBe(2);
    await page.keyboard.press('Control+c');
    await page.keyboard.press('Control+v');
    await eventually(() => nodes.count()).toBe(5);
    // The copies, selected, wired to each other and to nothing else.
    expect(await selectedIds(page)).toEqual(['image-input', 'image-ocr']);
    await eventually(() => edges.count()).toBe(3);
    const pasted = page.locator('.react-flow__edge[data-id="e3"]');
    expect(await pasted.getAttribute('aria-label')).toMatch(/image-input.*image-ocr/);

    await page.keyboard.press('Control+v');
    await eventually(() => nodes.count()).toBe(7);
    expect(await selectedIds(page)).toEqual(['image-input-2', 'image-ocr-2']);
    await eventually(() => edges.count()).toBe(4);
    // The second copy steps on from the first rather than hiding it.
    const first = await node(page, 'image-input').boundingBox();
    const second = await node(page, 'image-input-2').boundingBox();
    expect(second?.x).toBeGreaterThan((first?.x ?? 0) + 10);
    await shot(page, '11-pasted');

    // Cut takes the selection away; undo brings it back.
    await page.keyboard.press('Control+x');
    await eventually(() => nodes.count()).toBe(5);
    expect(await node(page, 'image-ocr-2').count()).toBe(0);
    await page.keyboard.press('Control+z');
    await eventually(() => nodes.count()).toBe(7);
    await page.close();
  });
});

const selectedIds = async (page: Page) =>
  (
    await page
      .locator('.react-flow__node.selected')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-id') ?? ''))
  ).sort();
