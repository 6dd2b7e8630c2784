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
});
