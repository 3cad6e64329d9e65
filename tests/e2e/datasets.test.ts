// Datasets in the browser: a CLUENER file imported through the label mapping step, and an export of
// the project as a CoNLL train/dev/test split in one zip.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { unzipSync, strFromU8 } from 'fflate';
import { useApp } from './browser.ts';

const app = useApp();

describe('datasets', () => {
  it('imports CLUENER with its labels mapped or added, and exports a zipped CoNLL split', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.getByTestId('doc-title').waitFor();

    await page.getByRole('button', { name: /Import dataset/ }).click();
    await page.locator('select[name=format]').selectOption('cluener');
    await page.setInputFiles('[data-testid="dataset-input"]', 'tests/fixtures/cluener2020/dev.json');
    await expect.poll(() => page.getByTestId('dataset-summary').textContent()).toMatch(/^300 篇文档/);
    // CLUENER's "organization" becomes the project's ORG; the other nine types are added.
    await page.getByRole('combobox', { name: 'organization →' }).selectOption('ORG');
    await page.getByRole('combobox', { name: 'game →' }).selectOption('-drop');
    await page.getByRole('button', { name: /^导入 Import$/ }).click();
    await expect.poll(() => page.locator('[data-testid="doc-row"]').count()).toBe(301);
    const labels = await page.locator('.labels .label').allTextContents();
    expect(labels.length).toBe(4 + 8); // 10 CLUENER types: one mapped, one dropped, eight added
    expect(labels.some((t) => t.includes('game'))).toBe(false);

    await page.getByRole('button', { name: /Export dataset/ }).click();
    await page.locator('select[name=format]').selectOption('conll');
    await page.getByRole('checkbox', { name: /train/ }).check();
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /^导出 Export$/ }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/\.zip$/);
    const zip = unzipSync(new Uint8Array(readFileSync((await file.path())!)));
    expect(Object.keys(zip).sort()).toEqual(['dev.conll', 'test.conll', 'train.conll']);
    const docs = (name: string) => strFromU8(zip[name]!).split('\n').filter((l) => l.startsWith('-DOCSTART-')).length;
    expect(docs('train.conll') + docs('dev.conll') + docs('test.conll')).toBe(301);
    expect(strFromU8(zip['train.conll']!)).toMatch(/\tB-ORG\n/);
    await context.close();
  });
});
