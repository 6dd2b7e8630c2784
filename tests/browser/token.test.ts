import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Editor } from './harness.ts';
import { eventually, node, shot, startEditor, textOf } from './harness.ts';

const TOKEN = 'test-token-123';

let editor: Editor;
beforeAll(async () => {
  editor = await startEditor({ env: { WEFT_API_TOKEN: TOKEN } });
});
afterAll(async () => {
  await editor?.close();
});

/** Whether an `<img>` has loaded a picture (a refused request leaves it 0 wide). */
const loaded = (image: Locator) =>
  image.evaluate((e) => (e as HTMLImageElement).complete && (e as HTMLImageElement).naturalWidth);

describe('an editor on a server with an API token', () => {
  it('asks for the token, asks again when it is wrong, then works with it everywhere', async () => {
    const page = await editor.visit();
    const dialog = page.getByRole('dialog', { name: 'API token' });
    await dialog.waitFor();
    expect(await page.locator('.wpalette-item').count()).toBe(0);

    await dialog.getByLabel('Token').fill('not-the-token');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => textOf(dialog.getByRole('alert'))).toBe('The API token is wrong.');
    await shot(page, '14-api-token');
    await dialog.getByLabel('Token').fill(TOKEN);
    await page.keyboard.press('Enter');
    await eventually(() => dialog.count()).toBe(0);

    // The palette, the examples and their samples load with the token.
    await page.locator('.wpalette-item').first().waitFor();
    await page.getByRole('tab', { name: 'Pipelines' }).click();
    await page.locator('.wlist-row[data-pipeline-id="example-ocr"] .wlist-main').click();
    await node(page, 'image').getByRole('button', { name: 'Use sample' }).click();
    const sample = node(page, 'image').locator('img');
    await eventually(() => loaded(sample)).toBeGreaterThan(0);

    // The run's events stream in (EventSource, with the token in its address).
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const text = node(page, 'text').locator('.wpreview-text');
    await eventually(() => textOf(text), 25_000).toMatch(/quick brown dog/);
    await eventually(() => textOf(page.locator('.wrun-status'))).toMatch('succeeded');

    // An image output is an artifact URL an <img> fetches on its own.
    await page.getByRole('tab', { name: 'Pipelines' }).click();
    await page.locator('.wlist-row[data-pipeline-id="example-thumbnails"] .wlist-main').click();
    await node(page, 'photo').getByRole('button', { name: 'Use sample' }).click();
    await eventually(() => loaded(node(page, 'photo').locator('img'))).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const thumbnail = node(page, 'webp').locator('.wpreview-image img');
    await eventually(() => loaded(thumbnail), 20_000).toBe(256);
    expect(await thumbnail.getAttribute('src')).toMatch(/^\/api\/runs\/.+access_token=/);

    // The tab keeps the token: a reload asks nothing.
    await page.reload();
    await page.locator('.wpalette-item').first().waitFor();
    expect(await dialog.count()).toBe(0);
    await page.close();
  });

  it('says what failed when the person gives up, asks again on the next request, and loads then', async () => {
    const page = await editor.visit();
    const dialog = page.getByRole('dialog', { name: 'API token' });
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await eventually(() =>
      textOf(page.getByRole('alert').filter({ hasText: 'node types' })),
    ).toMatch('Could not load the node types: this server needs an API token');

    // The run history asks the server, so the question comes back.
    await page.getByRole('tab', { name: 'Runs' }).click();
    await dialog.getByLabel('Token').fill(TOKEN);
    await dialog.getByRole('button', { name: 'Continue' }).click();
    await eventually(() => dialog.count()).toBe(0);
    await eventually(() => page.locator('.wlist-row', { hasText: 'Thumbnails' }).count()).toBe(1);

    await page.getByRole('tab', { name: 'Nodes' }).click();
    expect(await textOf(page.locator('.wpalette .wempty'))).toMatch('did not load');
    await page.getByRole('button', { name: 'Try again' }).click();
    await eventually(() => page.locator('.wpalette-item').count()).toBeGreaterThan(20);
    await page.close();
  });
});
