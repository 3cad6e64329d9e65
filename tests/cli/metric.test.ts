// `zhengbiao metric` through the real binary, as a corpus pipeline runs it (see cli.test.ts).
import { describe, expect, it } from 'vitest';
import { zhengbiao } from './run.ts';

describe('zhengbiao metric', () => {
  it('prints the reading as JSON with exactly value, unit and qualifier, exit 0', async () => {
    const r = await zhengbiao('metric', '45亿元以上');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('{"value": 4500000000, "unit": "元", "qualifier": ">="}\n');
    expect(Object.keys(JSON.parse(r.stdout) as object)).toEqual(['value', 'unit', 'qualifier']);
    expect(r.stderr).toBe('');
  });

  it('reads Chinese numerals and percentages', async () => {
    expect(JSON.parse((await zhengbiao('metric', '三个')).stdout)).toEqual({ value: 3, unit: '个', qualifier: '=' });
    expect(JSON.parse((await zhengbiao('metric', '3.5%以上')).stdout)).toEqual({ value: 0.035, unit: '%', qualifier: '>=' });
  });

  it('exits 1 with the reason on stderr when the text is not a metric', async () => {
    const r = await zhengbiao('metric', '工业强县');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('zhengbiao: not a metric: no number in "工业强县"\n');
    const year = await zhengbiao('metric', '2023年');
    expect(year.code).toBe(1);
    expect(year.stderr).toMatch(/^zhengbiao: not a metric: .*year/);
  });

  it('explains its usage without a text, with exit 2', async () => {
    const r = await zhengbiao('metric');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/metric needs a text/);
    expect(r.stderr).toMatch(/zhengbiao metric "<text>"/);
  });
});
