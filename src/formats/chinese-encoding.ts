/**
 * GB18030 or Big5? Most byte strings decode in both, so each reading is scored by how much of it is
 * common Chinese and how many of its byte codes sit in that encoding's own common area; chardet only
 * breaks exact ties (on short texts its first guess was measured wrong too often to lead).
 */
import { analyse } from 'chardet';

/** Code points looked at by the frequency check, and bytes given to chardet: enough to decide. */
const SAMPLE_CHARS = 20_000;
const CHARDET_SAMPLE = 64 * 1024;

/**
 * Weight of the common-area share (tierShare) against the common-character share (commonShare) when
 * GB18030 and Big5 both decode. 2 measured best on random strings of GB2312 level-1 and Big5 level-1
 * characters (rare ones included), without losing anything on real text.
 */
const TIER_WEIGHT = 2;

/*
 * About 1500 of the most common Chinese characters, roughly by frequency (general text plus the
 * vocabulary of work reports), and the same list in traditional forms (same position, same
 * character where the two do not differ). Checked: every character of the first is in GB2312, of
 * the second in Big5.
 */
const COMMON_SIMPLIFIED =
  '的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后作里用道行所然家种事成方' +
  '多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只从想实日军者意无力它与长把机十民第公此已工使情' +
  '明性知全三又关点正业外将两高间由问很最重并物手应战向头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给' +
  '世位次度门任常先海通教儿原东声提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太' +
  '量再感建务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即像难且权思王象' +
  '完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带导争运笑飞风步改收根干造言联持组每济' +
  '车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚' +
  '请技际约示复病息究线似官火断精满支视消越器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历' +
  '首医局突专费号尽另周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够章音' +
  '跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀攻父苏密低朝友诉止细愿千值' +
  '仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤' +
  '素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担' +
  '州静退既衣您宗积余痛检差富灵协角占配征修皮挥胜降阶审沉坚善妈刘读啊超免压银买皇养伊怀执副乱抗犯追帮宣佛岁航优怪香著田铁控' +
  '税左右份穿艺背阵草脚概恶块顿敢守酒岛托央户烈洋哥索胡款靠评版宝座释景顾弟登货互付伯慢欧换闻危忙核暗姐介坏讨丽良序升监临亮' +
  '露永呼味野架域沙掉括舰鱼杂误湾吉减编楚肯测败屋跑梦散温困剑渐封救贵枪缺楼县尚毫移娘朋画班智亦耳恩短掌恐遗固席松秘谢鲁遇康' +
  '虑幸均销钟诗藏赶剧票损忽巨炮旧端探湖录叶春乡附吸予礼港雨呀板庭妇归睛饭额含顺输摇招婚脱补谓督毒油疗旅泽材灭逐莫笔亡鲜词圣' +
  '择寻厂睡博勒烟授诺伦岸奥唐卖俄炸载洛健堂旁宫喝借君禁阴园谋宋避抓荣姑孙逃牙束跳顶玉镇雪午练迫爷篇肉嘴馆遍凡础洞卷坦牛宁纸' +
  '诸训私庄祖丝翻暴森塔默握戏隐熟骨访弱蒙歌店鬼软典欲萨伙遭盘爸扩盖弄雄稳忘亿刺拥徒姆杨齐赛趋曲刀床迎冰虚玩析窗醒妻透购替塞' +
  '努休虎扬途侵刑绿兄迅套贸毕唯谷轮库迹尤竞街促延震弃甲伟麻川申缓潜闪售灯针哲络抵朱埃抱鼓植纯夏忍页杰筑折郑贝尊吴秀混臣雅振' +
  '染盛怒舞圆搞狂措姓残秋培迷诚宽宇猛摆梅毁伸摩盟末乃悲拍丁赵硬麦蒋操耶阻订彩抽赞魔纷沿喊违妹浪汇币丰蓝殊献桌啦瓦莱援译夺汽' +
  '烧距裁偏符勇触课敬哭懂墙袭召罚侠厅拜巧侧韩冒债曼融惯享戴童犹乘挂奖绍厚纵障讯涉彻刊丈爆乌役描洗玛患妙镜唱烦签仙彼弗症仿倾' +
  '牌陷鸟轰咱菜闭奋庆撤泪茶疾缘播朗杜奶季丹狗尾仪偷奔珠虫驻孔宜艾桥淡翼恨繁寒伴叹旦愈潮粮缩罢聚径恰挑袋灰捕徐珍幕映裂泰隔启' +
  '尖忠累炎暂估泛荒偿横拒瑞忆孤鼻闹羊呆厉衡胞零穷舍码赫婆魂灾洪腿胆津俗辩胸晓劲贫仁偶辑邦恢赖圈摸仰润堆碰艇稍迟辆废净凶署壁' +
  '御奉旋冬矿抬蛋晨伏吹鸡倍糊秦盾杯租骑乏隆诊奴摄丧污渡旗甘耐凭扎抢绪粗肩梁幻菲皆碎宙叔岩荡综爬荷悉蒂返井壮薄悄扫敏碍殖详迪' +
  '矛霍允幅撒剩凯颗骂赏液番箱贴漫酸郎腰舒眉忧浮辛恋餐吓挺励辞艘键伍峰尺昨黎辈贯侦滑券崇扰宪绕趣阔锋汗凤卢宾疫亩链焦拓赢筹储' +
  '贷碳耕兜惠纾廉腐拆迁棚绩扶届蓄孵幼';

const COMMON_TRADITIONAL =
  '的一是不了在人有我他這個們中來上大為和國地到以說時要就出會可也你對生能而子那得於著下自之年過發後作裡用道行所然家種事成方' +
  '多經麼去法學如都同現當沒動面起看定天分還進好小部其些主樣理心她本前開但因隻從想實日軍者意無力它與長把機十民第公此已工使情' +
  '明性知全三又關點正業外將兩高間由問很最重並物手應戰向頭文體政美相見被利什二等產或新己製身果加西斯月話合回特代內信表化老給' +
  '世位次度門任常先海通教兒原東聲提立及比員解水名真論處走義各入幾口認條平係氣題活爾更別打女變四神總何電數安少報才結反受目太' +
  '量再感建務做接必場件計管期市直德資命山金指克許統區保至隊形社便空決治展馬科司五基眼書非則聽白卻界達光放強即像難且權思王象' +
  '完設式色路記南品住告類求據程北邊死張該交規萬取拉格望覺術領共確傳師觀清今切院讓識候帶導爭運笑飛風步改收根幹造言聯持組每濟' +
  '車親極林服快辦議往元英士證近失轉夫令準布始怎呢存未遠叫臺單影具羅字愛擊流備兵連調深商算質團集百需價花黨華城石級整府離況亞' +
  '請技際約示復病息究線似官火斷精滿支視消越器容照須九增研寫稱企八功嗎包片史委乎查輕易早曾除農找裝廣顯吧阿李標談吃圖念六引歷' +
  '首醫局突專費號盡另周較注語僅考落青隨選列武紅響雖推勢參希古眾構房半節土投某案黑維革劃敵致陳律足態護七興派孩驗責營星夠章音' +
  '跟志底站嚴巴例防族供效續施留講型料終答緊黃絕奇察母京段依批群項故按河米圍江織害鬥雙境客紀採舉殺攻父蘇密低朝友訴止細願千值' +
  '仍男錢破網熱助倒育屬坐帝限船臉職速刻樂否剛威毛狀率甚獨球般普怕彈校苦創假久錯承印晚蘭試股拿腦預誰益陽若哪微尼繼送急血驚傷' +
  '素藥適波夜省初喜衛源食險待述陸習置居勞財環排福納歡雷警獲模充負雲停木遊龍樹疑層冷洲衝射略範竟句室異激漢村哈策演簡卡罪判擔' +
  '州靜退既衣您宗積餘痛檢差富靈協角占配徵修皮揮勝降階審沉堅善媽劉讀啊超免壓銀買皇養伊懷執副亂抗犯追幫宣佛歲航優怪香著田鐵控' +
  '稅左右份穿藝背陣草腳概惡塊頓敢守酒島托央戶烈洋哥索胡款靠評版寶座釋景顧弟登貨互付伯慢歐換聞危忙核暗姐介壞討麗良序升監臨亮' +
  '露永呼味野架域沙掉括艦魚雜誤灣吉減編楚肯測敗屋跑夢散溫困劍漸封救貴槍缺樓縣尚毫移娘朋畫班智亦耳恩短掌恐遺固席松秘謝魯遇康' +
  '慮幸均銷鐘詩藏趕劇票損忽巨炮舊端探湖錄葉春鄉附吸予禮港雨呀板庭婦歸睛飯額含順輸搖招婚脫補謂督毒油療旅澤材滅逐莫筆亡鮮詞聖' +
  '擇尋廠睡博勒煙授諾倫岸奧唐賣俄炸載洛健堂旁宮喝借君禁陰園謀宋避抓榮姑孫逃牙束跳頂玉鎮雪午練迫爺篇肉嘴館遍凡礎洞捲坦牛寧紙' +
  '諸訓私莊祖絲翻暴森塔默握戲隱熟骨訪弱蒙歌店鬼軟典欲薩夥遭盤爸擴蓋弄雄穩忘億刺擁徒姆楊齊賽趨曲刀床迎冰虛玩析窗醒妻透購替塞' +
  '努休虎揚途侵刑綠兄迅套貿畢唯穀輪庫跡尤競街促延震棄甲偉麻川申緩潛閃售燈針哲絡抵朱埃抱鼓植純夏忍頁傑築折鄭貝尊吳秀混臣雅振' +
  '染盛怒舞圓搞狂措姓殘秋培迷誠寬宇猛擺梅毀伸摩盟末乃悲拍丁趙硬麥蔣操耶阻訂彩抽贊魔紛沿喊違妹浪匯幣豐藍殊獻桌啦瓦萊援譯奪汽' +
  '燒距裁偏符勇觸課敬哭懂牆襲召罰俠廳拜巧側韓冒債曼融慣享戴童猶乘掛獎紹厚縱障訊涉徹刊丈爆烏役描洗瑪患妙鏡唱煩簽仙彼弗症仿傾' +
  '牌陷鳥轟咱菜閉奮慶撤淚茶疾緣播朗杜奶季丹狗尾儀偷奔珠蟲駐孔宜艾橋淡翼恨繁寒伴嘆旦愈潮糧縮罷聚徑恰挑袋灰捕徐珍幕映裂泰隔啟' +
  '尖忠累炎暫估泛荒償橫拒瑞憶孤鼻鬧羊呆厲衡胞零窮捨碼赫婆魂災洪腿膽津俗辯胸曉勁貧仁偶輯邦恢賴圈摸仰潤堆碰艇稍遲輛廢淨兇署壁' +
  '禦奉旋冬礦抬蛋晨伏吹雞倍糊秦盾杯租騎乏隆診奴攝喪汙渡旗甘耐憑紮搶緒粗肩梁幻菲皆碎宙叔岩蕩綜爬荷悉蒂返井壯薄悄掃敏礙殖詳迪' +
  '矛霍允幅撒剩凱顆罵賞液番箱貼漫酸郎腰舒眉憂浮辛戀餐嚇挺勵辭艘鍵伍峰尺昨黎輩貫偵滑券崇擾憲繞趣闊鋒汗鳳盧賓疫畝鏈焦拓贏籌儲' +
  '貸碳耕兜惠紓廉腐拆遷棚績扶屆蓄孵幼';

const COMMON_PUNCTUATION = '，。、；：？！“”‘’（）《》【】—…·「」';

/** COMMON_SIMPLIFIED ∪ COMMON_TRADITIONAL ∪ COMMON_PUNCTUATION, built on first use. */
let commonChars: Set<string> | undefined;

function common(): Set<string> {
  if (commonChars === undefined) {
    commonChars = new Set([...COMMON_SIMPLIFIED, ...COMMON_TRADITIONAL, ...COMMON_PUNCTUATION]);
  }
  return commonChars;
}

/** Share of the (sampled) non-ASCII characters of `text` that are common Chinese characters. */
function commonShare(text: string): number {
  const set = common();
  let n = 0;
  let hits = 0;
  for (let i = 0; i < text.length && n < SAMPLE_CHARS; ) {
    const cp = text.codePointAt(i)!;
    const ch = cp > 0xffff ? text.slice(i, i + 2) : text[i]!;
    i += ch.length;
    if (cp < 0x80) continue;
    n++;
    if (set.has(ch)) hits++;
  }
  return n === 0 ? 0 : hits / n;
}

const CHARDET_CHINESE: Readonly<Record<string, 'GB18030' | 'Big5'>> = {
  GB18030: 'GB18030',
  GBK: 'GB18030',
  GB2312: 'GB18030',
  Big5: 'Big5',
};

/** chardet's top guess when it is GB18030 (or GBK/GB2312) or Big5 with confidence ≥ 50, else null. */
function chardetChinese(bytes: Uint8Array): 'GB18030' | 'Big5' | null {
  const top = analyse(bytes.subarray(0, CHARDET_SAMPLE))[0];
  if (top === undefined || top.confidence < 50) return null;
  return CHARDET_CHINESE[top.name] ?? null;
}

/**
 * Share of the double-byte characters of the (sampled) file that fall in the encoding's own common
 * area: GB2312 level 1 (B0A1–D7F9, the 3755 common hanzi) and punctuation rows A1–A3 for GB18030; Big5
 * level 1 (A440–C67E, 5401 common characters) and A1–A3 for Big5. Valid in both encodings, mainland
 * text sits in GB's area and mostly outside Big5's (GB2312 rows C9–D7 are Big5 level 2) and vice versa
 * (a Big5 trail byte 40–7E is a rare GBK extension character).
 */
function tierShare(bytes: Uint8Array, big5: boolean): number {
  const end = Math.min(bytes.length, CHARDET_SAMPLE);
  let n = 0;
  let hits = 0;
  for (let i = 0; i < end; ) {
    const lead = bytes[i]!;
    if (lead < 0x80) {
      i++;
      continue;
    }
    const trail = bytes[i + 1] ?? 0;
    if (!big5 && trail >= 0x30 && trail <= 0x39) {
      i += 4; // a four-byte GB18030 sequence: never in the common area
      n++;
      continue;
    }
    i += 2;
    n++;
    const symbols = lead >= 0xa1 && lead <= 0xa3;
    if (big5) {
      if (symbols || (lead >= 0xa4 && lead <= 0xc5) || (lead === 0xc6 && trail <= 0x7e)) hits++;
    } else if (trail >= 0xa1 && (symbols || (lead >= 0xb0 && lead <= 0xd7))) hits++;
  }
  return n === 0 ? 0 : hits / n;
}

export function chooseChinese(bytes: Uint8Array, gb: string, big5: string): 'GB18030' | 'Big5' {
  const sg = commonShare(gb) + TIER_WEIGHT * tierShare(bytes, false);
  const sb = commonShare(big5) + TIER_WEIGHT * tierShare(bytes, true);
  if (sg !== sb) return sg > sb ? 'GB18030' : 'Big5';
  return chardetChinese(bytes) ?? 'GB18030';
}
