// Several annotators in Chromium: a reviewer gives a name, imports two colleagues' packages, settles
// their one disagreement in the compare view and exports the gold layer.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LABELS, DEFAULT_RELATION_TYPES, OffsetMap, hashText, newId } from '../../src/core/index.ts';
import { serializePackage, type AnnotatorPackage } from '../../src/formats/annotator-package.ts';
import { useApp } from './browser.ts';

const app = useApp();
const seed = readFileSync('seeds/changshan-2023-work-report-p11.txt', 'utf8');

/** A colleague's package over the seed report with the given spans (found by their first occurrence). */
function packageOf(annotator: string, spans: [string, string][]): string {
  const offsets = new OffsetMap(seed);
  const pkg: AnnotatorPackage = {
    zhengbiao: 'annotator-package',
    version: 1,
    annotator,
    exportedAt: Date.now(),
    project: { name: '常山', labels: [...DEFAULT_LABELS], relationTypes: [...DEFAULT_RELATION_TYPES] },
    documents: [
      {
        title: '常山县 2023 年政府工作报告（第 11 页）',
        textHash: hashText(seed),
        text: seed,
        spans: spans.map(([text, label]) => {
          const start = offsets.toCodePoint(seed.indexOf(text));
          return { id: newId(), start, end: start + Array.from(text).length, label, text, by: annotator, at: Date.now() };
        }),
        relations: [],
        comments: [],
      },
    ],
  };
  return serializePackage(pkg);
}

describe('several annotators', () => {
  it('imports two annotator packages, adjudicates their disagreement and exports the gold layer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'zb-team-'));
    const a = join(dir, '甲.zbpkg.json');
    const b = join(dir, '乙.zbpkg.json');
    writeFileSync(a, packageOf('甲', [['利安隆二期', 'PROJECT'], ['1980亩以上', 'METRIC']]));
    writeFileSync(b, packageOf('乙', [['利安隆二期', 'PROJECT'], ['1980亩', 'METRIC']]));

    const context = await app.browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await page.goto(app.url);
    await page.locator('[data-paragraph]', { hasText: '1980亩以上' }).first().waitFor();

    await page.getByTestId('annotator-form').locator('input').fill('审核人');
    await page.getByTestId('annotator-form').getByRole('button', { name: /OK/ }).click();
    await expect.poll(() => page.getByTestId('annotator').textContent()).toContain('审核人');

    await page.setInputFiles('[data-testid="package-input"]', [a, b]);
    await expect.poll(() => page.getByTestId('layer-counts').textContent()).toMatch(/甲[\s\S]*2[\s\S]*乙[\s\S]*2/);

    // Before deciding: the dashboard's matrix has the pair, one of two spans matching exactly (F1 0.5),
    // both overlapping (1), and its charts drawn.
    await page.getByRole('button', { name: /Dashboard/ }).click();
    const cell = page.locator('[data-testid="pair-cell"][data-pair="甲|乙"]');
    await expect.poll(() => cell.textContent()).toMatch(/F1\s*0\.50\d*\s*·\s*1\.0/);
    await expect.poll(() => page.locator('[data-testid="dashboard"] canvas').count()).toBeGreaterThan(2);
    await page.keyboard.press('Escape');

    await page.getByRole('button', { name: /Compare/ }).click();
    const dialog = page.getByTestId('compare');
    await expect.poll(() => dialog.getByTestId('compare-summary').textContent()).toMatch(/remaining\s*1/);
    await dialog.press('n');
    await dialog.press('1'); // take 甲's 1980亩以上
    await expect.poll(() => dialog.getByTestId('compare-summary').textContent()).toMatch(/remaining\s*0/);
    await dialog.press('Escape');
    await expect.poll(() => page.locator('[data-testid="doc-row"] select').first().inputValue()).toBe('reviewed');

    await page.getByRole('button', { name: /Export dataset/ }).click();
    await page.locator('select[name=layer]').selectOption('@gold');
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: /^导出 Export$/ }).click();
    const file = await downloading;
    const record = JSON.parse(readFileSync((await file.path())!, 'utf8').trim());
    const offsets = new OffsetMap(record.text);
    const gold = (record.label as [number, number, string][]).map(([s, e, l]) => [offsets.slice(s, e), l]);
    expect(gold).toEqual([
      ['1980亩以上', 'METRIC'],
      ['利安隆二期', 'PROJECT'],
    ]);
    await context.close();
  });
});
