// The whole flow of a first start, in Chromium: seed text → select 1980亩以上 → 4 → reload → export.
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { dragOver, spanTexts, useApp, waitForWords } from './browser.ts';

const app = useApp();

describe('first start to exported dataset', () => {
  it('tags 1980亩以上 as METRIC, keeps it over a reload, and exports it with code-point offsets', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(app.url);

    await expect.poll(() => page.getByTestId('doc-title').textContent()).toContain('常山县');
    await page.locator('[data-paragraph]', { hasText: '1980亩以上' }).first().waitFor();
    await waitForWords(page);

    await dragOver(page, '1980亩以上');
    await expect.poll(() => page.getByTestId('pending').textContent()).toBe('1980亩以上');
    await page.keyboard.press('4');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);

    await page.reload();
    await page.locator('[data-paragraph]', { hasText: '1980亩以上' }).first().waitFor();
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export JSONL/ }).click();
    const file = await downloading;
    const lines = (await readFile((await file.path())!, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0]!) as { text: string; label: [number, number, string][] };
    expect(row.label).toHaveLength(1);
    const [start, end, label] = row.label[0]!;
    expect(label).toBe('METRIC');
    expect(Array.from(row.text).slice(start, end).join('')).toBe('1980亩以上');
    expect(errors).toEqual([]);
    await context.close();
  });
});
