// Reviewing suggestions in Chromium: step with N, accept with Enter, reject with X; a rejection lasts.
import { describe, expect, it } from 'vitest';
import { spanTexts, useApp, waitForWords } from './browser.ts';

const app = useApp();

describe('suggestions', () => {
  it('are accepted and rejected with the keyboard, and a rejected text does not come back', async () => {
    const context = await app.browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await waitForWords(page);
    const count = async () => Number(await page.getByTestId('suggestion-count').textContent());
    await expect.poll(count, { timeout: 20_000 }).toBeGreaterThan(50);
    const before = await count();

    await page.keyboard.press('n');
    const current = page.getByTestId('current-suggestion');
    const first = (await current.locator('.quote').textContent())!;
    const label = (await current.locator('p.muted').textContent())!.split(' ')[1]!;
    await page.keyboard.press('Enter');
    await expect.poll(() => spanTexts(page, label)).toEqual([first]);
    await expect.poll(count).toBe(before - 1);

    const rejected = (await current.locator('.quote').textContent())!;
    expect(rejected).not.toBe(first);
    await page.keyboard.press('x');
    await expect.poll(count).toBeLessThan(before - 1);
    const afterReject = await count();

    await page.reload();
    await waitForWords(page);
    await expect.poll(count, { timeout: 20_000 }).toBe(afterReject);
    await context.close();
  });
});
