import { describe, expect, it } from 'vitest';
import { suggestMetrics } from '../../src/suggest/metric.ts';
import { SEED, slice, texts } from './helpers.ts';

const m = (text: string) => texts(suggestMetrics(text));

describe('suggestMetrics: amounts', () => {
  it('finds numbers with units and their qualifiers in the seed', () => {
    expect(m('力争全年整治1980亩以上。')).toEqual(['1980亩以上']);
    expect(m('力争全年实际到位市外资金45亿元以上')).toEqual(['45亿元以上']);
    expect(m('实现规上工业亩均税收18.5万元')).toEqual(['18.5万元']);
    expect(m('确保重大项目30天内决策')).toEqual(['30天内']);
    expect(m('力争实现泛研学旅行80万人次、旅游业增加值增长7.5%')).toEqual(['80万人次', '7.5%']);
    expect(m('占GDP比重达3.5%以上')).toEqual(['3.5%以上']);
    expect(m('紧盯储备、前期、实施3个项目库')).toEqual(['3个']);
  });

  it('keeps prefixes such as 最多, 超, 同比增长 outside', () => {
    expect(m('竣工验收前审批"最多50天"')).toEqual(['50天']);
    expect(m('力争固投总额超115亿元')).toEqual(['115亿元']);
    expect(m('实现住宿、餐饮、零售同比增长10%以上')).toEqual(['10%以上']);
  });

  it('reads 亿元/万元 without a digit as a threshold only (GOLD M2)', () => {
    expect(m('招引亿元以上重大产业项目25个')).toEqual(['亿元以上', '25个']);
    expect(m('产值超亿元工业企业达50家')).toEqual(['亿元', '50家']);
    expect(m('万元GDP能耗下降3%')).toEqual(['3%']);
  });

  it('handles the amounts of other reports', () => {
    expect(m('力争全年实现地区生产总值增长6.5%左右')).toEqual(['6.5%左右']);
    expect(m('新建5G基站800个')).toEqual(['800个']);
    expect(m('新增城镇就业5000人以上,城镇调查失业率控制在5.5%以内')).toEqual(['5000人以上', '5.5%以内']);
    expect(m('培育规上企业20余家,种植油茶300多亩')).toEqual(['20余家', '300多亩']);
    expect(m('居民收入增长6%-7%,提高2个百分点')).toEqual(['6%-7%', '2个百分点']);
    expect(m('力争实现港口货物吞吐量12.6亿吨、集装箱吞吐量3360万标箱')).toEqual(['12.6亿吨', '3360万标箱']);
    expect(m('新增光伏装机5万千瓦,PM2.5浓度控制在25微克/立方米以内')).toEqual(['5万千瓦', '25微克/立方米以内']);
    expect(m('增长１５％')).toEqual(['１５％']);
    expect(m('常住人口达到30万,')).toEqual(['30万']);
  });

  it('counts Chinese numerals with a unit (三个, 两家, 五年内)', () => {
    expect(m('建成三个省级示范区、两家研究院')).toEqual(['三个', '两家']);
    expect(m('力争五年内完成改造')).toEqual(['五年内']);
    expect(m('新增十二项服务')).toEqual(['十二项']);
  });
});

describe('suggestMetrics: what is not a metric', () => {
  it('skips years, dates, ordinals, page and list numbers', () => {
    expect(m('2023年政府工作报告-20篇(第11/118页)')).toEqual([]);
    expect(m('下一篇:2023年政府工作报告-15篇')).toEqual([]);
    expect(m('到2025年,2021-2025年间,3月5日,建党100周年')).toEqual([]);
    expect(m('(一)打赢工业强县大会战。1.深化改革')).toEqual([]);
    expect(m('位列全省第3位')).toEqual([]);
  });

  it('skips codes, models and ratings', () => {
    expect(m('深化落实工业强县"1+10+5"工作体系')).toEqual([]);
    expect(m('开展项目投资"3115"攻坚行动,完善"248"运行机制')).toEqual([]);
    expect(m('推动柚香谷创建3A景区,建设G60科创走廊,新建5G基站')).toEqual([]);
  });

  it('skips Chinese numerals that are names, slogans and periods', () => {
    expect(m('全力打赢三场大会战。全力打好三套组合拳。')).toEqual([]);
    expect(m('大力实施数字经济"一号发展工程",推进"两山合作社"改革')).toEqual([]);
    expect(m('全面激发"三期"、"四期"现象,紧盯"五个结构投资",落实科技新政"十条"')).toEqual([]);
    expect(m('推出一批消费产品,一季度新建项目开工,开启新一轮改革')).toEqual([]);
    expect(m('大力实施科技创新三年行动,启动三年计划')).toEqual([]);
    expect(m('坚持三位一体,增强四个意识,做到两个维护')).toEqual([]);
    expect(m('建设一个中心,打造一家平台')).toEqual([]);
    expect(m('打好打赢“三个十天”硬仗,成功创建“两个健康”示范县')).toEqual([]);
  });

  it('stops before a unit that begins another word', () => {
    expect(m('服务30万人口')).toEqual(['30万']);
  });
});

describe('suggestMetrics: offsets', () => {
  it('counts code points, so an astral character before shifts by one', () => {
    const text = '𠀀新增15家';
    const [s] = suggestMetrics(text);
    expect(s).toMatchObject({ start: 3, end: 6, text: '15家', label: 'METRIC' });
    expect(slice(text, s!.start, s!.end)).toBe('15家');
  });

  it('gives every seed suggestion its text at its offsets, with a rule name', () => {
    for (const s of suggestMetrics(SEED)) {
      expect(slice(SEED, s.start, s.end)).toBe(s.text);
      expect(s.rule).toMatch(/^metric:/);
    }
  });
});
