/**
 * What a message is before any search: an emergency (the number comes first, at once), a
 * request for a person, a greeting, something outside government services (chit-chat,
 * general knowledge, shopping, other people's personal data, attempts to extract the
 * instructions), or content the sensitive-word policy acts on. Pattern tables, matched on
 * the normalised message (full-width → half-width, traditional → simplified, lower case).
 *
 * A complaint about staff or a service (投诉窗口工作人员, 办事人员态度差) goes to a person as
 * well: it is a grievance to be recorded and followed up, not a question an item's phone
 * number answers; asking for an item's 投诉电话 is still a question.
 *
 * Order of checks: emergency > asked for a person > sensitive words (refuse/handoff) >
 * complaint > injection > personal data > greeting > shopping / general knowledge / chit-chat. The last
 * three yield to a government-service signal (办理, 社保, 补贴 …): "失业了心情不好，能领失业金吗"
 * is a question about 失业保险金, not chit-chat.
 */
import { normalizeText } from '../text/normalize.js';
import type { SensitiveWordPolicy } from './sensitive-words.js';

export type EmergencyNumber = '119' | '120' | '110' | '122';
export type OutOfScopeCategory = 'chitchat' | 'general_knowledge' | 'shopping' | 'personal_data' | 'injection';
export type GreetingKind = 'hello' | 'thanks' | 'bye' | 'identity';

export type GuardVerdict =
  | { kind: 'emergency'; numbers: EmergencyNumber[] }
  | { kind: 'human' }
  | { kind: 'complaint' }
  | { kind: 'sensitive'; action: 'refuse' | 'handoff'; words: string[] }
  | { kind: 'out_of_scope'; category: OutOfScopeCategory }
  | { kind: 'greeting'; greeting: GreetingKind }
  /** go on answering; `message` has masked words replaced when the policy masks any */
  | { kind: 'pass'; message: string; masked: string[] };

interface EmergencyRule {
  number: EmergencyNumber;
  pattern: RegExp;
}

/**
 * Direct and indirect phrasings. Checked in this order; a message can need several numbers
 * (撞车了有人受伤 → 122 and 120), the first matched comes first.
 */
const EMERGENCY_RULES: readonly EmergencyRule[] = [
  { number: '122', pattern: /撞车|车祸|交通事故|追尾|车(子)?(相)?撞(了|上)|(两|几)辆车.{0,4}撞|(被|让)(汽)?车(给)?撞|撞(到|倒|伤|死)(了)?人|翻车|肇事|逃逸|连环撞/u },
  {
    number: '119',
    pattern: /着火|起火|失火|火灾|火警|烧起来|着了.{0,6}火|火(很|特别|越来越)?大|火势|大火|浓烟|煤气味|燃气味|天然气味|冒(黑)?烟|燃气泄漏|煤气泄漏|天然气泄漏|闻到(煤气|燃气|天然气)|爆炸了|被困(在)?(电梯|火|楼)|困在电梯|电梯(里)?(困|关)(住|人)/u,
  },
  {
    number: '120',
    pattern:
      /晕倒|昏倒|昏迷|倒在地上|倒地不起|(躺|倒)在.{0,4}不动|一动不动|叫不醒|跳楼|跳河|跳江|轻生|自残|不省人事|休克|心脏病(犯|发作)|心梗|心脏骤停|中风|脑溢血|抽搐|抽风|喘不上气|呼吸困难|没(有)?呼吸|没气了|没有心跳|大出血|流(了)?很多血|血流不止|吐血|中毒|喝(了)?农药|吃(了)?(安眠药|老鼠药)|服毒|溺水|落水|难产|羊水破|割腕|想自杀|要自杀|不想活|想死|快不行了|急救|救护车|受(了)?重伤|有人受伤|摔(得|的)?(起不来|不动了)|骨折了/u,
  },
  {
    number: '110',
    pattern:
      /(被|让)(人|他|她|他们|坏人|老公|丈夫|老婆)?(给)?(打|砍|捅|抢|偷|绑|拐|跟踪|性侵|强奸|非礼|猥亵|威胁|勒索|敲诈)|打人|打架斗殴|有人(在)?打架|抢劫|偷东西|小偷|盗窃|入室|撬门|绑架|拐卖|持刀|拿(着)?刀|砍人|杀人|家暴|家庭暴力|非法拘禁|报警|被骗(了)?|诈骗(电话)?(了我)?|有人闹事|救命/u,
  },
];

/**
 * Asking how to handle the aftermath (理赔, 认定, 补贴 …) is a service question, not an
 * emergency — unless urgency words say it is happening now.
 */
const AFTERMATH = /理赔|赔偿|认定|鉴定|保险|报销|补贴|补助|救助金|申请|办理|材料|流程|条例|规定|法律|政策|处罚|责任|统计|预防|宣传|演练|培训|怎么(报|写|查)|(多少|几)(天|日|年)/u;
const URGENT = /救命|快来|快点|马上|正在|刚刚|刚才|现在|紧急|赶紧|怎么办(啊|呀)?[!！]|[!！]{1,}$/u;

const HUMAN = /转人工|转接(一下)?人工|接(一下)?人工|人工(客服|服务)?吗$|人工客服|人工服务|人工坐席|找人工|接人工|要人工|人工(吧|呢|在哪|在吗)?$|(找|要|换|叫)(个)?(真人|活人)|真人客服|(找|叫|让)(你们)?(的)?(工作人员|客服|领导|负责人)(来)?(跟|和|帮|处理|接)|和(真)?人(说|聊|沟通)|跟(真)?人(说|聊|沟通)|不要(机器人|ai|智能客服)|你(是)?机器人(吗)?(我|，)?(要|找)人/u;

const STAFF = '(?:窗口|柜台|工作人员|办事人员|办事员|服务人员|经办人|审批人员|公务员|柜员|民警|科员|客服|大厅|政务服务中心|服务中心|部门|单位)';
const BAD = '(?:很|太|特别|非常|极其|真|超级)?(?:差|恶劣|蛮横|冷漠|粗暴|刁难|推诿|敷衍|不耐烦|不理人|爱答不理|骂人|吼人)';
const COMPLAINT = new RegExp(
  [
    `(?:投诉|举报)(?:一下)?(?:你们)?(?:[^，。？！,.?!\\s]{1,8}?的)?(?:这个|那个|那位|这位|一个|一位)?${STAFF}`,
    `${STAFF}(?:的)?(?:人)?(?:服务)?(?:态度)?${BAD}`,
    `(?:服务|态度)${BAD}`,
    '故意刁难|推诿扯皮|吃拿卡要|索要(?:好处|红包|财物)',
  ].join('|'),
  'u',
);

const INJECTION =
  /(忽略|忘记|忘掉|无视|不要理会|抛开)(你)?(之前|以上|上面|前面|先前|此前|所有|全部|原来|原有)?的?(所有|全部)?(指令|指示|提示|规则|设定|限制|要求|约束)|系统提示|提示词|system ?prompt|(输出|告诉我|显示|打印|复述|重复|泄露|给我看)(一下)?(你)?(的)?(系统|初始|原始|内部|隐藏|底层)?(指令|提示|设定|配置|规则|prompt)|你的(指令|提示|设定|规则|配置|prompt)是什么|(现在)?你(现在)?是(一个)?(不受|没有)(任何)?限制|扮演|假装(你)?是|角色扮演|越狱|jailbreak|developer mode|开发者模式|(重复|复述|输出)(一遍|一下)?(你)?(上面|以上|之前|前面)的?(所有)?(对话|内容|话|指令)|(上面|以上|之前|前面)的?(所有)?(对话|内容)(全部)?(重复|复述|输出)|ignore (all |the )?(previous|above|prior)|disregard (all |the )?(previous|above)|do anything now|\bdan\b/u;

/** another person's personal information: ID number, phone, address, records */
const PERSONAL_FIELD = /身份证(号码|号)?|手机号(码)?|电话(号码)?|住址|家庭地址|住在哪|住哪|银行卡(号)?|户籍信息|户口信息|社保(缴费)?记录|个人信息|开房记录|行踪|工资(收入)?|病历|犯罪记录|婚姻状况|房产信息|征信/u;
const OTHER_PERSON =
  /(别人|他人|某人|邻居|同事|朋友|前妻|前夫|前女友|前男友|老板|领导|明星|网友|陌生人|这个人|那个人|此人|(?<!其)他|她)(的)?|([张王李赵刘陈杨黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦方白邹孟熊秦邱江尹薛段雷侯龙史陶黎贺顾毛郝龚邵万钱严武戴莫孔向汤][\u4e00-\u9fa5]{1,2}|某某)的/u;
const LOOKUP = /查|查询|告诉我|给我|提供|找(到|出)?|搜|调取|调出|是多少|是什么|发我|多少/u;

const GREETING = /^(你好|您好|你们好|hi|hello|hey|嗨|哈喽|哈啰|在吗|在不在|有人吗|早上好|上午好|中午好|下午好|晚上好|早安|晚安|早|小政|小政你好|你好小政)+$/u;
const THANKS = /^(谢谢你|谢谢您|感谢你|感谢您|谢谢|多谢|感谢|谢啦|谢了|好的谢谢|好的|好|明白了|知道了|懂了|ok|okay|收到|辛苦了|太好了)+$/u;
const BYE = /^(再见|拜拜|bye|88|没事了|没有了|就这些|不用了)+$/u;
const IDENTITY = /^(你是谁|你叫什么(名字)?|你是(什么|啥|机器人|人工智能|ai)|你能(做|干)(什么|啥)|你会(做|干)?(什么|啥)|你有什么(功能|用)|怎么用|能帮我(做|干)?(什么|啥)|你可以(做|干)?(什么|啥))+$/u;

const SHOPPING =
  /iphone|ipad|苹果手机|华为手机|小米手机|(手机|电脑|平板|耳机|相机|衣服|鞋子?)(多少钱|价格|怎么样|哪个好)|推荐(一)?(款|个|台|部|双|件|些)|哪(款|个牌子|个品牌)|(性价比|值得买|划算|好用吗)|优惠券|打折|包邮|下单|购物车|淘宝|京东|拼多多|天猫|网购|外卖|团购|秒杀|直播间|(买|购买)(一|个|台|部|件|双|支|瓶)?(手机|电脑|笔记本|平板|衣服|裙子|鞋|口红|化妆品|护肤品|耳机|零食|电视|冰箱|洗衣机|空调|奶粉|礼物|手表|包包)|多少钱一(斤|件|个|台)/u;

const GENERAL_KNOWLEDGE =
  /珠穆朗玛|长城(有)?多长|地球|月球|月亮|太阳|宇宙|光速|银河|恐龙|几大洲|首都是|(哪个|什么)国家(最|的首都)|历史上|朝代|唐朝|宋朝|明朝|清朝|秦始皇|李白|杜甫|诗人|作者是谁|谁写的|谁发明|发明了|化学式|元素周期|勾股定理|圆周率|数学题|方程|等于(几|多少)|\d+\s*[+\-*/×÷]\s*\d+|(加|减|乘以|除以)\d+|翻译(成|一下)|英(语|文)怎么说|用英(语|文)|写(一段)?代码|编程|python|javascript|java\b|菜谱|怎么做(菜|饭)|红烧|减肥|健身|(感冒|发烧|头疼|头痛|咳嗽|拉肚子)(了)?(吃|用)(什么|啥)药|(到|离).{1,8}(有)?多远|写(一篇|篇)?(作文|文章|论文|小说)|世界杯|奥运会|诺贝尔|相对论|黑洞|量子/u;

const CHITCHAT =
  /笑话|唱(首|个)?歌|(写|作)(一)?首诗|作诗|聊(聊)?天|陪我(聊|玩)|好无聊|我无聊|你喜欢|你几岁|你多大|你是男|你是女|(男|女)朋友|你爱我|我爱你|你开心|你(心情|感觉)|星座|算命|运势|塔罗|解梦|好看吗|帅吗|美吗|(今天|明天|后天|周末)?天气(怎么样|如何|预报|好吗)|(今天|明天)(会)?下雨|吃什么好|(中午|晚上|今晚)吃(什么|啥)|好吃的|电影|电视剧|追剧|综艺|打游戏|玩游戏|王者荣耀|原神|比分|彩票|股票|炒股|比特币|八卦|恋爱|约会|表白|失恋|(讲|说)个故事|你睡觉|你吃饭了|(今天|明天|昨天)(是)?(星期|礼拜|周)几|现在几点|今天几号/u;

/**
 * Words that make a message a government-service question even when it also matches a
 * chit-chat, shopping or general-knowledge pattern.
 */
const GOV_SIGNAL =
  /办理|申请|申领|办证|证件|证明|登记|备案|许可|审批|执照|营业|窗口|政务|政府|政策|条例|规定|办法|通知|法律|法规|社保|医保|公积金|户口|户籍|身份证|居住证|护照|驾驶证|养老|退休|低保|救助|补贴|补助|津贴|失业|就业|创业|贷款|纳税|税|缴费|报销|参保|入学|结婚|离婚|出生|残疾|优待|疫情|防控|复工|企业|个体|办事|材料|手续|部门|12345/u;

const EMPTY = /^[\s\p{P}\p{S}]*$/u;

export function stripPunctuation(norm: string): string {
  return norm.replace(/[\s\p{P}\p{S}]+/gu, '');
}

function emergencyNumbers(norm: string): EmergencyNumber[] {
  const found: { n: EmergencyNumber; at: number }[] = [];
  for (const r of EMERGENCY_RULES) {
    const m = r.pattern.exec(norm);
    if (m) found.push({ n: r.number, at: m.index });
  }
  if (found.length === 0) return [];
  if (AFTERMATH.test(norm) && !URGENT.test(norm)) return [];
  // a traffic accident with injuries needs 122 first, then 120; otherwise the order of mention
  const traffic = found.find((f) => f.n === '122');
  found.sort((a, b) => a.at - b.at);
  if (traffic) {
    found.splice(found.indexOf(traffic), 1);
    found.unshift(traffic);
  }
  return found.map((f) => f.n);
}

function personalData(norm: string): boolean {
  const field = PERSONAL_FIELD.exec(norm);
  if (!field) return false;
  const before = norm.slice(0, field.index);
  if (!OTHER_PERSON.test(before)) return false;
  // "他的身份证丢了怎么补办" asks about a procedure for someone, not for their data
  if (/补办|补领|换领|办理|申请|丢了|遗失|怎么办|代办|到期|过期/u.test(norm)) return false;
  return LOOKUP.test(norm);
}

export class MessageGuard {
  constructor(private readonly sensitive: SensitiveWordPolicy) {}

  check(message: string): GuardVerdict {
    const norm = normalizeText(message.trim());
    const bare = stripPunctuation(norm);
    const numbers = emergencyNumbers(norm);
    if (numbers.length) return { kind: 'emergency', numbers };
    if (HUMAN.test(bare)) return { kind: 'human' };
    const hits = this.sensitive.find(norm);
    const act = hits.find((h) => h.action === 'handoff') ?? hits.find((h) => h.action === 'refuse');
    if (act) return { kind: 'sensitive', action: act.action as 'refuse' | 'handoff', words: hits.filter((h) => h.action === act.action).map((h) => h.word) };
    if (COMPLAINT.test(norm)) return { kind: 'complaint' };
    if (INJECTION.test(norm)) return { kind: 'out_of_scope', category: 'injection' };
    if (personalData(norm)) return { kind: 'out_of_scope', category: 'personal_data' };
    const masked = hits.filter((h) => h.action === 'mask');
    const text = masked.length ? this.sensitive.mask(message, masked) : message;
    if (masked.length && EMPTY.test(stripPunctuation(normalizeText(text)).replace(/＊/g, ''))) {
      return { kind: 'sensitive', action: 'refuse', words: masked.map((h) => h.word) };
    }
    const rest = stripPunctuation(normalizeText(text)).replace(/＊/g, '');
    if (GREETING.test(rest)) return { kind: 'greeting', greeting: 'hello' };
    if (THANKS.test(rest)) return { kind: 'greeting', greeting: 'thanks' };
    if (BYE.test(rest)) return { kind: 'greeting', greeting: 'bye' };
    if (IDENTITY.test(rest)) return { kind: 'greeting', greeting: 'identity' };
    if (!GOV_SIGNAL.test(norm)) {
      if (SHOPPING.test(norm)) return { kind: 'out_of_scope', category: 'shopping' };
      if (GENERAL_KNOWLEDGE.test(norm)) return { kind: 'out_of_scope', category: 'general_knowledge' };
      if (CHITCHAT.test(norm)) return { kind: 'out_of_scope', category: 'chitchat' };
    }
    return { kind: 'pass', message: text, masked: masked.map((h) => h.word) };
  }
}

/** True when the message carries a government-service word (used to tell "no source" from "not ours"). */
export function hasGovSignal(message: string): boolean {
  return GOV_SIGNAL.test(normalizeText(message));
}
