import { describe, expect, it } from 'vitest';
import { learnFrom } from '../../src/suggest/learned.ts';

describe('learnFrom', () => {
  it('turns a string tagged with one label everywhere into a term', () => {
    const { gazetteer, conflicts } = learnFrom([
      { text: '科创中心', label: 'PROJECT' },
      { text: '科创中心', label: 'PROJECT' },
      { text: '杭电', label: 'ORG' },
      { text: '  ', label: 'ORG' },
    ]);
    expect(gazetteer.entries()).toEqual([['科创中心', 'PROJECT'], ['杭电', 'ORG']]);
    expect(conflicts).toEqual([]);
    expect(gazetteer.match('建成投用科创中心,加快杭电落地').map((s) => [s.text, s.label, s.rule])).toEqual([
      ['科创中心', 'PROJECT', 'learned'],
      ['杭电', 'ORG', 'learned'],
    ]);
  });

  it('lists a string tagged with different labels as a conflict, not a term', () => {
    const { gazetteer, conflicts } = learnFrom([
      { text: '万华智能', label: 'PROJECT' },
      { text: '万华智能', label: 'ORG' },
      { text: '生态资源交易中心', label: 'PROJECT' },
      { text: '万华智能', label: 'PROJECT' },
      { text: '两山合作社', label: 'ORG' },
      { text: '两山合作社', label: 'PROJECT' },
    ]);
    expect(conflicts).toEqual([
      { text: '万华智能', labels: ['ORG', 'PROJECT'] },
      { text: '两山合作社', labels: ['ORG', 'PROJECT'] },
    ]);
    expect(gazetteer.entries()).toEqual([['生态资源交易中心', 'PROJECT']]);
    expect(gazetteer.match('万华智能全面开工')).toEqual([]);
  });

  it('learns nothing from nothing', () => {
    const { gazetteer, conflicts } = learnFrom([]);
    expect(gazetteer.size).toBe(0);
    expect(conflicts).toEqual([]);
  });
});
