/**
 * Word lists shared by the rule suggesters, written for the language of Chinese government work reports
 * in general (any county, city or province), not for one report. Every list is a closed class of the
 * genre — units, commitment verbs, process verbs, head nouns of names, generic modifiers — and none holds
 * a proper name of any report (the well-known institution abbreviations in org.ts are the one list of
 * names, and they are national).
 *
 * Lists are turned into regular expressions with the longest alternatives first, so that `亿元` wins over
 * `元` and `专项行动` over `行动`. Every expression built here is a flat alternation of literals (no nested
 * quantifiers), so matching is linear.
 */

/** An alternation of literal words, longest first (for `(?:…)` groups). */
export function alternation(words: readonly string[]): string {
  const uniq = [...new Set(words)].filter((w) => w.length > 0);
  uniq.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return uniq.map((w) => w.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')).join('|');
}

/**
 * Units that quantify a number: money, area, length, mass, energy, counts (classifiers), time and rates.
 * `月`, `日`, `号`, `期`, `级` and `度` are left out on purpose: after a number they are mostly dates,
 * names (`二期`) or ratings; the durations are caught as `个月`, `个工作日`, `天`.
 */
export const UNITS: readonly string[] = [
  // money (the magnitudes 万/亿 are read as part of the number: 45亿元 = 45 + 亿 + 元)
  '元', '美元', '欧元', '港元', '日元', '英镑',
  // area, length, volume, mass
  '平方公里', '平方千米', '平方米', '平米', '公顷', '亩', '公里', '千米', '米', '立方米', '吨标准煤', '吨标煤', '吨', '公斤', '千克', '斤',
  'km', 'km²', 'm²', 'm³', '微克/立方米', '毫克/立方米', '毫克/升',
  // energy and power
  '千瓦时', '千瓦', '兆瓦', '吉瓦', '千伏', 'kW', 'kWh', 'MW', 'GW',
  // counts: the classifiers reports use for enterprises, projects, facilities, people and events
  '个百分点', '个', '家', '项', '件', '所', '座', '条', '处', '台', '套', '辆', '艘', '架次', '架', '名', '位', '人次', '人', '户', '列',
  '次', '场次', '场', '批', '篇', '部', '本', '册', '张', '间', '栋', '幢', '根', '株', '棵', '盏', '头', '只', '羽', '支', '组',
  '支队伍', '届', '种', '类', '款', '宗', '例', '份', '片', '块', '段', '层', '标箱', '床', '孔', '公里路',
  // time
  '个工作日', '工作日', '个月', '小时', '分钟', '天', '周', '年', '岁',
  // rates
  '倍', '%', '％', '‰',
];

/** Units after which `内` is a qualifier (`30天内`, `5公里内`), not the start of the next word (`5项内容`). */
export const INNER_UNITS: ReadonlySet<string> = new Set(['个工作日', '工作日', '个月', '小时', '分钟', '天', '周', '年', '公里', '千米', '米']);

/** Units a Chinese numeral may quantify (三个, 两家, 五年内); not `期`, `批`, `场`, `套`, … that live in names. */
export const CN_UNITS: readonly string[] = [
  '个', '家', '项', '件', '所', '座', '条', '处', '台', '辆', '名', '位', '人次', '人', '户', '次', '倍', '个百分点', '个月', '个工作日',
  '天', '周', '年', '元', '亩', '公里', '吨', '千瓦', '平方米', '平方公里', '公顷', '万人次',
];

/** Qualifiers written after an amount; they belong to the METRIC (`1980亩以上`, `6.5%左右`). */
export const AFTER_QUALIFIERS: readonly string[] = ['以上', '以下', '以内', '左右', '上下'];

/**
 * Commitment markers: a clause with one of these before its amount is a TARGET from the marker on
 * (`力争全年整治1980亩以上`, `努力实现…`, `争取获省投资"赛马"激励1次以上`).
 */
export const STRONG_MARKERS: readonly string[] = ['力争', '确保', '努力', '争取', '力促', '力求', '力保', '务必', '保证', '全力争取', '全力确保'];

/**
 * Verbs that state an outcome when they govern an amount (`新增建设用地600亩以上`, `完成…15个`,
 * `招引…25个`, `打造…1个`, `创建省级民宿2个以上`). A TARGET starts at such a verb when it opens its clause.
 */
export const COMMIT_VERBS: readonly string[] = [
  '实现', '达到', '完成', '新增', '新建', '新开工', '开工建设', '开工', '建成', '建设', '招引', '引进', '引育', '新引进', '新培育', '新招引',
  '培育', '打造', '争创', '创建', '创成', '推动', '实施', '改造', '整治', '提高', '降低', '减少', '突破', '超过', '累计', '吸引', '带动',
  '帮扶', '培训', '举办', '承办', '发放', '兑现', '种植', '新种', '植树', '造林', '治理', '修复', '改建', '新改建', '扩建', '新改扩建',
  '攻克', '服务', '接待', '申报', '获批', '签约', '落地', '入库', '盘活', '消化', '处置', '收储', '组建', '设立', '认定', '转化', '安置',
  '吸纳', '选派', '保持', '控制', '新增就业', '新认定', '建立', '新建成', '投入', '安排', '筹集', '争引', '引导', '解决', '开通', '铺设',
  '改善', '提升', '增加', '新发展', '发展', '回收', '流转', '腾退', '腾出', '盘活存量', '拆除', '清理', '培养', '招聘', '招录', '引才',
];

/**
 * Verbs of process: a clause that opens with one of these says what will be worked on, not what will be
 * achieved (`紧盯储备、前期、实施3个项目库`, `重点加快…等64个新建项目开工入库`); it is a TARGET only when a
 * commitment verb follows at once (`加快建设5G基站800个` → from 建设) or a commitment marker comes later.
 */
export const PROCESS_VERBS: readonly string[] = [
  '加快', '加速', '推进', '深化', '强化', '优化', '完善', '落实', '紧盯', '保障', '支持', '发挥', '围绕', '聚焦', '坚持', '加强', '统筹',
  '抓好', '做好', '做优', '做强', '做大', '谋划', '鼓励', '探索', '健全', '构建', '推行', '深入', '依托', '用好', '用活', '激发', '激活',
  '持续', '聚力', '抢抓', '抓实', '夯实', '筑牢', '守牢', '严格', '规范', '指导', '督促', '配合', '开展', '组织', '推广', '拓展', '对接',
  '融入', '参与', '承接', '迭代', '升级', '串联', '跟踪', '盯紧', '紧扣', '锚定', '瞄准', '突出', '把握', '利用', '借助', '按照',
];

/** Adverbs and time words that may stand before the verb of a TARGET and are left outside it. */
export const ADVERBS: readonly string[] = [
  '全年', '年内', '今年', '当年', '年度', '全力', '积极', '大力', '着力', '重点', '进一步', '持续', '全面', '再', '其中', '同时', '并',
  '另', '还', '每年', '年均', '同步', '加快', '尽快', '有序', '稳步', '扎实', '切实', '深入', '全县', '全市', '全区', '全省', '全镇',
  '新', '继续', '不断', '到年底', '年底前', '年末', '上半年', '下半年', '合计', '共', '再次', '当年度',
];

/**
 * What is stripped from the front of a name candidate: adverbs, verbs and prepositions that introduce a
 * name (`深入开展` `"十链百企共生"专项行动`, `加快建设` 赵鼎考古公园, `实体运作` 科创委员会, `以` 科创中心).
 * Only at the front: verbs inside a name (`改造提升行动`, `提质工程`) stay.
 */
export const NAME_LEAD: readonly string[] = [
  ...PROCESS_VERBS,
  ...COMMIT_VERBS.filter((w) => w.length > 1),
  '我们', '我县', '我市', '我区', '我省', '全县', '全市', '全区', '全省', '通过', '重点推进', '着力推进', '持续推进', '加快推进',
  ...ADVERBS.filter((w) => !['新', '全县', '全市', '全区', '全省', '全镇', '年度', '共'].includes(w)),
  ...STRONG_MARKERS,
  '深入', '大力', '积极', '主动', '加快', '加速', '持续', '常态化', '常态长效', '全力', '切实', '着力', '统筹', '扎实', '稳步', '有序',
  '继续', '不断', '隆重', '精心', '成功', '率先', '高标准', '高质量', '高水平', '高规格', '实体', '实体化', '规范', '有效', '坚决',
  '优先', '全速', '提速', '协同', '合力', '携手', '深度', '系统', '全域', '集成', '全周期', '迭代', '推广', '用心', '全方位',
  '实施', '开展', '推进', '推动', '建设', '打造', '举办', '承办', '承接', '参与', '融入', '启动', '升级', '串联', '建成', '投用', '运营',
  '运作', '保障', '发挥', '完善', '落实', '强化', '优化', '提升', '做优', '做强', '做大', '做精', '做实', '做好', '抓好', '办好', '用好',
  '培育', '创建', '争创', '谋划', '引进', '招引', '支持', '实行', '续建', '新建', '改建', '扩建', '完成', '对接', '深化', '推出', '发放',
  '建立', '组建', '设立', '成立', '引入', '共建', '助力', '加强', '编制', '启用', '开通', '布局', '拓展', '壮大', '扶持', '加大', '组织',
  '牵头', '申报', '申创', '创成', '招商', '洽谈', '签约', '擦亮', '打响', '叫响', '唱响', '依托', '围绕', '聚焦', '紧盯', '借助', '通过',
  '按照', '结合', '跟踪', '服务', '联合', '配合', '合作', '发展', '加快推进', '发挥好', '用足', '与', '以', '在', '对', '把', '将', '向',
  '由', '从', '实现', '促进', '带动',
  '筹办', '联办', '主办', '承接好', '落实好', '建好', '管好', '办成', '建强', '育强', '抢抓', '推行', '探索', '引导', '鼓励', '集中力量',
  '加速推进', '全力推进', '大力推进', '积极推进', '加快建设', '积极争取', '争取', '争取将', '力争将', '确保将', '全面启动', '高标准建设',
  '充分', '充分发挥', '纳入', '列入', '打赢', '打好', '打响', '提质', '提效', '提速', '常态化举办', '深化拓展', '提档升级', '改造提升', '加快实施', '全面实施', '深入推进',
];

/**
 * Modifiers that say how many, which level or what status, and the category nouns themselves: a candidate
 * name made only of these (with its head noun) is a category (`重点项目`, `基础设施项目`, `专项行动`,
 * `省重点项目计划`), never a name.
 */
export const GENERIC_WORDS: readonly string[] = [
  '重点', '重大', '一批', '一系列', '系列', '各类', '各级', '相关', '有关', '新建', '续建', '在建', '储备', '前期', '省', '市', '县', '区',
  '镇', '乡', '村', '省级', '市级', '县级', '区级', '国家级', '国家', '全省', '全市', '全县', '全国', '这些', '该', '此', '本', '新', '大',
  '小', '好', '其他', '其它', '主要', '项目', '产业', '工业', '企业', '基础设施', '服务业', '投资', '招商', '民生', '平台', '园区', '工程',
  '行动', '专项', '攻坚', '示范', '试点', '建设', '优质', '实事', '标志性', '引领性', '一般', '政府', '社会', '亿元以上', '政府投资',
  '企业投资', '重大产业', '大型', '多个', '若干', '部分', '全部', '所有', '各', '每个', '各个', '重要', '核心', '一些', '更多', '多',
  '有效', '精品', '龙头', '骨干', '领军', '头部', '上下游', '配套', '在库', '入库', '签约', '开工', '竣工', '投产', '落地', '招引',
  '商业', '生活', '居住', '办公',
];

/**
 * Descriptive modifiers (what field, what quality). A facility or platform named only by them is still
 * one definite thing of the county (`生态园区`, `特色生态产业平台`, `科创中心`; GOLD P5), but a programme,
 * list category or organisation so named is a kind (`民生工程`, `数字化改造行动`, `农民专业合作社`).
 */
export const DESCRIPTIVE_WORDS: readonly string[] = [
  '数字化', '数字', '信息化', '智慧', '科技', '创新', '管理', '综合', '高质量', '制造业', '产业化', '新型', '现代', '现代化', '特色',
  '农业', '农村', '城市', '城乡', '乡村', '文化', '旅游', '文旅', '生态', '环境', '绿色', '开发', '发展', '信息', '研发', '双创', '创业',
  '孵化', '众创', '合作', '开放', '对外', '交易', '融资', '金融', '人才', '教育', '医疗', '卫生', '体育', '养老', '水利', '交通', '能源',
  '物流', '商贸', '电商', '电子商务', '产业链', '中小', '中小企业', '民营', '国有', '培育', '提升', '改造', '整治', '保护', '治理',
  '改革', '转型', '升级', '区域', '地方', '基层', '社区', '公益', '便民', '惠民', '民营经济', '实体', '线上', '网上', '网络', '集体',
  '共享', '一体化', '全域', '区域性', '公共', '服务', '政务', '技术', '研究', '工作', '安全', '应急', '消费', '就业', '创业就业',
];

/** Generic names of bodies: an ORG candidate made only of these (with its suffix) names no one (`农民专业合作社`). */
export const GENERIC_ORG_WORDS: readonly string[] = [
  ...GENERIC_WORDS,
  ...DESCRIPTIVE_WORDS,
  '高等', '职业', '科研', '专业', '农民', '股份', '经济', '股份经济', '村级', '村民', '居民', '村镇', '农商', '商业', '保险', '证券',
  '医疗', '各地', '平台', '城投', '国企', '民企', '外资', '合资', '独资', '私营', '个体', '家庭', '联合', '管理', '监督', '执法',
  '技术', '研究', '工程技术', '重点实验', '新型研发', '高校', '院校', '大院', '名所', '名校', '研发', '专家', '工作', '服务', '志愿',
  '行业', '协会', '商会', '学会', '联合会', '基金', '村集体', '合作', '家庭农场', '强村', '国资', '物业', '投资',
  '担保', '运营', '建设投资', '文旅投资', '交通投资', '水务', '城建',
];

export const GENERIC_RE = new RegExp(`^(?:${alternation(GENERIC_WORDS)})+$`, 'u');
export const KIND_RE = new RegExp(`^(?:${alternation([...GENERIC_WORDS, ...DESCRIPTIVE_WORDS])})+$`, 'u');
export const GENERIC_ORG_RE = new RegExp(`^(?:${alternation(GENERIC_ORG_WORDS)})+$`, 'u');
