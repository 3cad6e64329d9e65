import { describe, expect, it } from 'vitest';
import { suggestMetrics } from '../../src/suggest/metric.ts';
import { suggestTargets } from '../../src/suggest/target.ts';
import { SEED, slice, texts } from './helpers.ts';

const t = (text: string) => texts(suggestTargets(text, suggestMetrics(text)));

describe('suggestTargets: where a target starts and ends', () => {
  it('starts at a commitment marker and runs to the clause end (GUIDELINES examples)', () => {
    expect(t('实施新都片区全域工业土地综合整治,力争全年整治1980亩以上。')).toEqual(['力争全年整治1980亩以上']);
    expect(t('加快特色生态产业平台北拓空间、南盘存量,新增建设用地600亩以上。')).toEqual(['新增建设用地600亩以上']);
    expect(t('全面激发"三期"、"四期"现象,招引亿元以上重大产业项目25个,')).toEqual(['招引亿元以上重大产业项目25个']);
    expect(t('完善项目决策推进办法,确保重大项目30天内决策,')).toEqual(['确保重大项目30天内决策']);
    expect(t('支持大宗商品消费,实现住宿、餐饮、零售同比增长10%以上。')).toEqual(['实现住宿、餐饮、零售同比增长10%以上']);
  });

  it('does not stop at 、: a list of outcomes is one target (GOLD T1)', () => {
    expect(t('力争数字经济核心产业增加值增长15%、占GDP比重达3.5%以上。')).toEqual(['力争数字经济核心产业增加值增长15%、占GDP比重达3.5%以上']);
  });

  it('starts at the first character of a continuation or of a subject with its outcome (GOLD T3, T4)', () => {
    expect(t('确保新增规上工业企业(含小升规)15家以上,产值超亿元工业企业达50家,省级"专精特新"中小微企业6家以上、单项冠军1家。')).toEqual([
      '确保新增规上工业企业(含小升规)15家以上',
      '产值超亿元工业企业达50家',
      '省级"专精特新"中小微企业6家以上、单项冠军1家',
    ]);
    expect(t('常态化举办"一把手"项目谋划擂台赛,前期转化率同比增长30%,')).toEqual(['前期转化率同比增长30%']);
  });

  it('ends before a closing quote, keeping the unbalanced opening one (GOLD T7)', () => {
    expect(t('实现一般企业投资项目竣工验收前审批"最多50天",政府投资项目"最多60天"。')).toEqual([
      '实现一般企业投资项目竣工验收前审批"最多50天',
      '政府投资项目"最多60天',
    ]);
  });

  it('leaves adverbs and process verbs before the outcome verb outside', () => {
    expect(t('加快建设5G基站800个,')).toEqual(['建设5G基站800个']);
    expect(t('全年新增规上企业40家。')).toEqual(['新增规上企业40家']);
    expect(t('全力争创国家全域旅游示范区。')).toEqual(['争创国家全域旅游示范区']);
  });

  it('takes an outside yardstick in place of an amount', () => {
    expect(t('完成20个示范点提升改造,推动柚香谷创建3A景区。')).toEqual(['完成20个示范点提升改造', '推动柚香谷创建3A景区']);
    expect(t('力争R&D经费支出占GDP比重增速高于全省平均水平,')).toEqual(['力争R&D经费支出占GDP比重增速高于全省平均水平']);
  });

  it('reads the expected targets of other reports', () => {
    expect(t('主要预期目标是:地区生产总值增长5.5%以上,力争6%;城镇登记失业率控制在3.5%以内。')).toEqual([
      '地区生产总值增长5.5%以上',
      '力争6%',
      '城镇登记失业率控制在3.5%以内',
    ]);
    expect(t('新增城镇就业5000人以上,新建改扩建中小学、幼儿园6所。')).toEqual(['新增城镇就业5000人以上', '新建改扩建中小学、幼儿园6所']);
    expect(t('力争全年实现地区生产总值增长6.5%左右。')).toEqual(['力争全年实现地区生产总值增长6.5%左右']);
  });
});

describe('suggestTargets: what is not a target', () => {
  it('skips intentions without a checkable outcome', () => {
    expect(t('全力提升产业质态。加快形成发展动能的聚合效应。推动改革成效持续保持全省前列。')).toEqual([]);
    expect(t('推动利安隆二期、众卡二期尽快落地,争取南方水泥铁路专用线和龙潭水库等纳入省重点项目计划。')).toEqual([]);
  });

  it('skips work on lists and descriptions of projects', () => {
    expect(t('紧盯储备、前期、实施3个项目库,')).toEqual([]);
    expect(t('重点加快华创铜箔、招贤农光互补、西门地块综合开发等64个新建项目开工入库,')).toEqual([]);
    expect(t('开工建设总投资50亿元的新材料产业园,推动年产10万吨锂电材料项目竣工投产。')).toEqual([]);
  });

  it('skips achievements of the past (sentence signs, a review section)', () => {
    expect(t('2022年,全县实现地区生产总值300亿元,比上年增长5.2%。')).toEqual([]);
    expect(t('一、2022年工作回顾\n全年新增规上企业35家。\n二、2023年工作安排\n新增规上企业40家。')).toEqual(['新增规上企业40家']);
    // No heading (a page that starts mid-review): a paragraph full of the past opens a run that lasts
    // until a paragraph commits again.
    expect(
      t('地区生产总值达到556.4亿元,首次突破500亿元大关,排名全省第一。\n58个重点项目进展顺利,全年完成投资141.6亿元;争取上级资金20.2亿元。\n力争新增规上企业40家。'),
    ).toEqual(['力争新增规上企业40家']);
  });
});

describe('suggestTargets on the seed', () => {
  it('nests the metrics and uses code-point offsets', () => {
    const metrics = suggestMetrics(SEED);
    const targets = suggestTargets(SEED, metrics);
    for (const s of targets) {
      expect(slice(SEED, s.start, s.end)).toBe(s.text);
      expect(s.label).toBe('TARGET');
    }
    const t0 = targets.find((s) => s.text === '力争全年整治1980亩以上')!;
    expect([t0.start, t0.end]).toEqual([206, 219]);
    expect(metrics.find((s) => s.text === '1980亩以上')).toMatchObject({ start: 212, end: 219 });
  });

  it('counts offsets in code points after an astral character', () => {
    const text = '𠀀。力争新增15家。';
    expect(suggestTargets(text, suggestMetrics(text))).toMatchObject([{ start: 2, end: 9, text: '力争新增15家' }]);
  });
});
