// From spans to facts in Chromium: a METRIC linked to its TARGET with the keyboard, drawn as an arc, and
// found as a row of the target table and of its CSV export.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv-reader.ts';
import { dragOver, spanTexts, useApp, waitForWords } from './browser.ts';

const app = useApp();


describe('relations and the target table', () => {
  it('links a metric to a target and finds the row in the exported table', async () => {
    const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('[data-paragraph]', { hasText: '1980亩以上' }).first().waitFor();
    await waitForWords(page);

    await dragOver(page, '力争全年整治1980亩以上');
    await page.keyboard.press('1');
    await expect.poll(() => spanTexts(page, 'TARGET')).toEqual(['力争全年整治1980亩以上']);
    await dragOver(page, '1980亩以上');
    await page.keyboard.press('4');
    await expect.poll(() => spanTexts(page, 'METRIC')).toEqual(['1980亩以上']);
    await expect.poll(() => page.getByTestId('metric-reading').textContent()).toBe('≥1980亩');

    await page.keyboard.press('l');
    await expect.poll(() => page.getByTestId('link-banner').textContent()).toContain('力争全年整治1980亩以上');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('relation-count').textContent()).toBe('1');
    await expect.poll(() => page.locator('[data-testid="relation-arcs"] path[data-relation="measures"]').count()).toBe(1);

    // The target's deadline from the attribute popover.
    await page.getByTestId('span-details').getByRole('button', { name: /目标 「力争全年整治1980亩以上」/ }).first().click();
    await expect.poll(() => page.getByTestId('span-details').locator('.quote').textContent()).toBe('力争全年整治1980亩以上');
    await page.keyboard.press('a');
    await page.getByTestId('attribute-popover').waitFor();
    await page.keyboard.press('1');
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('span-attributes').textContent()).toContain('全年');

    await page.getByRole('button', { name: /Targets/ }).click();
    const row = page.getByTestId('target-row').filter({ hasText: '力争全年整治1980亩以上' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('≥1980亩');

    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /Export CSV/ }).click();
    const file = await downloading;
    expect(file.suggestedFilename()).toMatch(/-targets\.csv$/);
    const csv = readFileSync((await file.path())!, 'utf8');
    const [columns = [], ...rows] = parseCsv(csv);
    const cells = rows.find((r) => r.includes('力争全年整治1980亩以上'))!;
    expect(cells[columns.indexOf('metrics')]).toBe('1980亩以上');
    expect(cells[columns.indexOf('metric_values')]).toBe('1980');
    expect(cells[columns.indexOf('units')]).toBe('亩');
    expect(cells[columns.indexOf('deadline')]).toBe('全年');
    await context.close();
  });
});
