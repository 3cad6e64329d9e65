import { describe, expect, it } from 'vitest';
import { suggestProjects } from '../../src/suggest/project.ts';
import { SEED, slice, texts } from './helpers.ts';

const p = (text: string) => texts(suggestProjects(text));

describe('suggestProjects: named programmes and facilities', () => {
  it('keeps quotes only when the name goes on after them (seed)', () => {
    expect(p('深入开展"十链百企共生"专项行动,')).toEqual(['"十链百企共生"专项行动']);
    expect(p('开展项目投资"3115"攻坚行动,')).toEqual(['"3115"攻坚行动']);
    expect(p('大力实施数字经济"一号发展工程",')).toEqual(['一号发展工程']);
    expect(p('打造以科创中心、云创蔚来为核心的"金川U创谷"。')).toEqual(['科创中心', '云创蔚来', '金川U创谷']);
  });

  it('finds names by head noun past the verbs before them (seed)', () => {
    expect(p('实施景区镇村提质工程,开展"微改造、精提升"行动,')).toEqual(['景区镇村提质工程', '"微改造、精提升"行动']);
    expect(p('加快建设赵鼎考古公园、黄冈生态配套,打造龙绕溪美丽产业研学示范带,')).toEqual(['赵鼎考古公园', '黄冈生态配套', '龙绕溪美丽产业研学示范带']);
    expect(p('开展纺织、冷柜等传统制造业改造提升行动,')).toEqual(['传统制造业改造提升行动']);
    expect(p('深化开展政务服务改革攻坚行动,')).toEqual(['政务服务改革攻坚行动']);
  });

  it('takes phases and project lists (GOLD P1, P2, P4)', () => {
    expect(p('推动利安隆二期、众卡二期尽快落地,万华智能、君晟电器全面开工,')).toEqual(['利安隆二期', '众卡二期', '万华智能', '君晟电器']);
    expect(p('统筹推进集中供热、经二路等一批基础设施项目。')).toEqual(['集中供热', '经二路']);
    expect(p('隆重举办UU音乐节、中国山地自行车公开赛、中国龙舟公开赛等金牌赛事活动。')).toEqual(['UU音乐节', '中国山地自行车公开赛', '中国龙舟公开赛']);
    expect(p('深入实施"凤凰"、"雄鹰"、"雏鹰"、"放水养鱼"和单项冠军培育行动,')).toEqual(['凤凰', '雄鹰', '雏鹰', '放水养鱼', '单项冠军培育行动']);
  });

  it('reads the projects of other reports', () => {
    expect(p('建好用好杭衢高铁、衢丽铁路。')).toEqual(['杭衢高铁', '衢丽铁路']);
    expect(p('推进县人民医院迁建工程,加快县中医院二期建设。')).toEqual(['县人民医院迁建工程', '县中医院二期']);
    expect(p('深化"千万工程",实施城市更新行动。')).toEqual(['千万工程', '城市更新行动']);
    expect(p('加快核电二期、滩涂光伏等项目进度,力争核电三期、抽水蓄能、火电二期核准开工。')).toEqual(['核电二期', '滩涂光伏', '核电三期', '抽水蓄能', '火电二期']);
  });

  it('does not take slogans, kinds or plurals for names', () => {
    expect(p('加速推进"五链融合",全力提升产业质态。')).toEqual([]);
    expect(p('完善人才公寓、小镇客厅、商业街区等生活配套。')).toEqual([]);
    expect(p('推进重点项目建设,实施民生工程,深入开展专项行动。')).toEqual([]);
    expect(p('坚持以人民为中心,推进节能降耗,打造美丽家园。')).toEqual([]);
    expect(p('全面激发"三期"、"四期"现象,深化落实工业强县"1+10+5"工作体系,')).toEqual([]);
    expect(p('提升重大开放平台能级,打好"三大攻坚战",实施"两个先行"工程。')).toEqual([]);
    expect(p('全力招引一批新能源装备制造等强链补链项目,')).toEqual([]);
    expect(p('落实周周有会商、月月有盘点、季季有开工。')).toEqual([]);
  });

  it('gives code-point offsets', () => {
    const text = '𠀀,推动利安隆二期尽快落地';
    expect(suggestProjects(text)).toMatchObject([{ start: 4, end: 9, text: '利安隆二期', label: 'PROJECT' }]);
    for (const s of suggestProjects(SEED)) expect(slice(SEED, s.start, s.end)).toBe(s.text);
  });
});
