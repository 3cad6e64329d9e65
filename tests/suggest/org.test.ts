import { describe, expect, it } from 'vitest';
import { suggestOrgs } from '../../src/suggest/org.ts';
import { SEED, slice, texts } from './helpers.ts';

const o = (text: string) => texts(suggestOrgs(text));

describe('suggestOrgs', () => {
  it('finds names by their suffix, past the verbs that introduce them (seed)', () => {
    expect(o('充分发挥浙大常山现代农业发展研究中心、浙理工常山研究院等平台作用,')).toEqual(['浙大常山现代农业发展研究中心', '浙理工常山研究院']);
    expect(o('大力实施科技创新三年行动,实体运作科创委员会,')).toEqual(['科创委员会']);
    expect(o('推进"两山合作社"改革,')).toEqual(['两山合作社']);
  });

  it('takes the members of a list of institutions, whatever their form (GOLD O2)', () => {
    expect(o('深化与浙大衢州"两院"、电科大长三角研究院等高校战略合作,')).toEqual(['浙大衢州"两院', '电科大长三角研究院']);
    expect(o('加快杭电、衢州学院等院校成果转移转化中心落地,')).toEqual(['杭电', '衢州学院']);
    expect(o('深化与清华大学、复旦大学等高校合作')).toEqual(['清华大学', '复旦大学']);
    expect(o('支持华友钴业、巨化集团等龙头企业做大做强')).toEqual(['华友钴业', '巨化集团']);
  });

  it('reads the organisations of other reports', () => {
    expect(o('引进浙江大学衢州研究院')).toEqual(['浙江大学衢州研究院']);
    expect(o('推动浙江衢州巨化化工有限公司扩大产能,')).toEqual(['浙江衢州巨化化工有限公司']);
    expect(o('引进清华长三角研究院衢州分院,')).toEqual(['清华长三角研究院衢州分院']);
    expect(o('推进县妇幼保健院迁建,')).toEqual(['县妇幼保健院']);
  });

  it('does not take generic roles and kinds for names', () => {
    expect(o('支持企业、高校参与,发挥政府作用')).toEqual([]);
    expect(o('发展农民专业合作社,支持大学生创业,深化国有企业改革')).toEqual([]);
    expect(o('引进两家研究院,对接科研院所')).toEqual([]);
    expect(o('纺织、冷柜等龙头企业')).toEqual([]);
    expect(o('在县人大、县政协的监督支持下')).toEqual([]);
  });

  it('gives code-point offsets', () => {
    const text = '𠀀𠀀,引进浙江大学衢州研究院';
    expect(suggestOrgs(text)).toMatchObject([{ start: 5, end: 14, text: '浙江大学衢州研究院', label: 'ORG' }]);
    for (const s of suggestOrgs(SEED)) expect(slice(SEED, s.start, s.end)).toBe(s.text);
  });
});
