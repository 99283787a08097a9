/**
 * Resolving a message against the conversation: which 情形 option of the item being
 * discussed it describes ("我是外地户口呢？" → 外省市户籍), which clarification candidate it
 * picks ("第二个", or the item's name), and whether it is a bare follow-up ("那要多久？",
 * "在哪办？") that keeps the topic.
 */
import { normalizeText } from '../text/normalize.js';
import type { FieldIntent } from '../search/field-intent.js';
import type { ServiceItem } from '../knowledge/knowledge.schema.js';
import type { SituationChoices } from './item-answer.js';

/**
 * Colloquial ↔ official ways of describing a situation. A concept found both in the message
 * and in an option label is strong evidence for that option. Variants are matched longest
 * first and claim their span, so 不是本地 counts as 外地 and not also as 本地.
 */
const CONCEPTS: readonly { id: string; variants: string[] }[] = [
  { id: 'nonlocal', variants: ['不是本地', '不是本市', '不是本区', '非本市', '非本区', '非本地', '外地', '外省', '外市', '外来', '异地', '跨省', '随迁', '外籍'] },
  { id: 'local', variants: ['本地', '本市', '本区', '本省', '当地', '云州', '青禾'] },
  { id: 'huji', variants: ['户口', '户籍', '落户'] },
  { id: 'agent', variants: ['代办', '委托', '代理', '代为', '帮我办', '替我办', '帮忙办', '别人办', '让别人', '家人', '亲属', '子女帮', '别人帮', '找人办', '代领'] },
  { id: 'self', variants: ['本人', '自己', '亲自'] },
  { id: 'minor', variants: ['未满十六', '未满16', '不满16', '不满十六', '未成年', '孩子', '小孩', '儿童', '宝宝', '子女'] },
  { id: 'adult', variants: ['已满十六', '满16', '满十六', '成年'] },
  { id: 'elder', variants: ['七十', '70岁', '老人', '老年'] },
  { id: 'online', variants: ['网上', '线上', '在线', '手机', 'app', '网办', '12123', '邮寄', '寄到家'] },
  { id: 'window', variants: ['窗口', '现场', '柜台', '线下', '网点'] },
  { id: 'lost', variants: ['丢了', '丢失', '遗失', '掉了', '被盗', '被偷', '找不到', '补发', '挂失'] },
  { id: 'damaged', variants: ['坏了', '损坏', '破损', '不能辨认', '磨损'] },
  { id: 'expired', variants: ['到期', '过期', '期满', '有效期'] },
  { id: 'change', variants: ['变更', '更正', '改名', '改了', '信息有误', '错了'] },
  { id: 'first', variants: ['首次', '第一次', '新办', '初次', '初婚'] },
  { id: 'again', variants: ['再次', '换发', '续办', '年审', '审验', '离婚', '丧偶', '再婚'] },
  { id: 'company', variants: ['单位', '公司', '企业', '法人'] },
  { id: 'person', variants: ['个人', '自然人'] },
  { id: 'family', variants: ['家庭', '配偶', '夫妻', '老婆', '老公', '妻子', '丈夫'] },
  { id: 'retire', variants: ['退休', '养老金'] },
  { id: 'student', variants: ['学生', '读书', '就读', '上学', '毕业生'] },
  { id: 'job', variants: ['就业', '上班', '工作', '劳动合同'] },
  { id: 'house', variants: ['住所', '住房', '租房', '房子', '买房', '购房'] },
  { id: 'urgent', variants: ['急需', '急用', '着急', '马上要用', '坐飞机', '乘机'] },
  { id: 'disabled', variants: ['残疾', '重病', '重度'] },
  { id: 'mortgage', variants: ['抵押', '贷款没还', '带押'] },
  { id: 'commitment', variants: ['告知承诺', '承诺制'] },
];

function conceptsOf(text: string): Set<string> {
  const norm = normalizeText(text);
  const claimed = new Uint8Array(norm.length);
  const found = new Set<string>();
  const all = CONCEPTS.flatMap((c) => c.variants.map((v) => ({ id: c.id, v }))).sort((a, b) => b.v.length - a.v.length);
  for (const { id, v } of all) {
    for (let at = norm.indexOf(v); at >= 0; at = norm.indexOf(v, at + 1)) {
      if (claimed.subarray(at, at + v.length).some((x) => x === 1)) continue;
      claimed.fill(1, at, at + v.length);
      found.add(id);
    }
  }
  return found;
}

function bigrams(text: string): Set<string> {
  const norm = normalizeText(text).replace(/[\s\p{P}\p{S}]/gu, '');
  const out = new Set<string>();
  for (let i = 0; i + 1 < norm.length; i++) out.add(norm.slice(i, i + 2));
  return out;
}

function overlap(a: Set<string>, b: Set<string>): number {
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n;
}

const NEGATION = /不|没|非|无|未/u;
const YES_NO = /^(是|否)(?=$|[，,、（(：:])/u;

/**
 * Whether the message negates: a 不/没/非/无/未 outside the words it shares with the
 * question ("未满十六周岁" repeats the question; "没有委托" negates it).
 */
function negates(message: string, question: string): boolean {
  const norm = normalizeText(message);
  const q = bigrams(question);
  const rest = norm.split('');
  for (let i = 0; i + 1 < norm.length; i++) if (q.has(norm.slice(i, i + 2))) rest[i] = rest[i + 1] = ' ';
  return NEGATION.test(rest.join(''));
}

export interface SituationMatch {
  questionId: string;
  option: number;
  score: number;
}

/**
 * The 情形 options the message describes, at most one per question: the option with the
 * highest score (shared concepts ×2 + shared bigrams), when it beats every other option of
 * its question. Yes/no options ("是"/"否") are decided by the question: a message that
 * speaks of the question's subject chooses 是, or 否 when it negates.
 */
export function matchSituations(item: ServiceItem, message: string, minScore = 2): SituationMatch[] {
  const mc = conceptsOf(message);
  // the item's own name says which item, not which situation ("公积金贷款最多能贷多少" is no
  // answer to "公积金贷款额度不足，是否申请组合贷款？")
  const name = bigrams(item.name);
  const mb = new Set([...bigrams(message)].filter((g) => !name.has(g)));
  const out: SituationMatch[] = [];
  for (const q of item.situations) {
    const scores = q.options.map((o) => {
      const yn = YES_NO.exec(o.label);
      const label = yn ? o.label.slice(yn[0].length) : o.label;
      let s = 0;
      for (const c of conceptsOf(label)) if (mc.has(c)) s += 2;
      s += overlap(bigrams(label), mb);
      if (yn) {
        // "是否委托他人代办？ 是/否": the message must be about the question's subject
        let qs = 0;
        for (const c of conceptsOf(q.question)) if (mc.has(c)) qs += 2;
        qs += overlap(bigrams(q.question.replace(/是否|是不是|还是|哪种|什么|吗|？|\?/gu, '')), mb);
        const negated = negates(message, q.question);
        if (qs >= 2) s += (yn[1] === '是') !== negated ? qs : 0;
      }
      return s;
    });
    let best = 0;
    for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;
    const second = Math.max(...scores.filter((_, i) => i !== best));
    if (scores[best]! >= minScore && scores[best]! > second) out.push({ questionId: q.id, option: best, score: scores[best]! });
  }
  return out;
}

export function applySituations(prev: SituationChoices, matches: SituationMatch[]): SituationChoices {
  const next = { ...prev };
  for (const m of matches) next[m.questionId] = m.option;
  return next;
}

const ORDINALS: Record<string, number> = { 一: 0, 1: 0, 二: 1, 两: 1, 2: 1, 三: 2, 3: 2, 四: 3, 4: 3 };

/**
 * The clarification candidate the message picks: by position ("第二个", "2", "后一个") or by
 * the candidate's title (the one sharing most bigrams with the message, when it shares at
 * least two and more than any other). -1 when none.
 */
export function pickCandidate(message: string, titles: string[]): number {
  const norm = normalizeText(message).replace(/[\s\p{P}]/gu, '');
  const ord = /^(?:选|是|要|就)?(?:第)?([一二两三四1-4])(?:个|项|条|种)?(?:吧|吧|的|呢)?$/u.exec(norm) ?? /第([一二两三四1-4])(?:个|项|条|种)/u.exec(norm);
  if (ord) {
    const i = ORDINALS[ord[1]!];
    if (i !== undefined && i < titles.length) return i;
  }
  if (/最后(一)?个|后(一)?个|后者/u.test(norm)) return titles.length - 1;
  if (/前(一)?个|前者/u.test(norm) && titles.length > 0) return 0;
  const mb = bigrams(message);
  const scores = titles.map((t) => overlap(bigrams(t), mb));
  let best = -1;
  for (let i = 0; i < scores.length; i++) if (best < 0 || scores[i]! > scores[best]!) best = i;
  if (best < 0 || scores[best]! < 2) return -1;
  if (scores.some((s, i) => i !== best && s === scores[best])) return -1;
  return best;
}

/** Words that carry no topic: connectives, pronouns, question particles, politeness. */
const FILLER = /那么|那|这个|这|还有|还要|还|另外|然后|如果|要是|假如|请问|麻烦|问一下|想问|我想|我要|我们|我|你们|你|它|这个事|这事|事项|业务|手续|办理|办|需要|要|得|可以|能|会|吗|呢|吧|啊|呀|的|了|是|有|不|么|怎么|怎样|如何|什么|啥|哪|多|去|在|到|给|跟|和|也|都|就|又|再|一下|一般|大概|具体|一共|总共|现在|今天|上|下/gu;

/**
 * What is left of the message once field cues and filler words are removed: the words that
 * could name a new topic. A follow-up such as "那要多久？" leaves nothing.
 */
export function topicResidue(message: string, intent: FieldIntent | null): string {
  let norm = normalizeText(message);
  if (intent) {
    const chars = norm.split('');
    for (const c of intent.cues) for (let i = c.start; i < c.end && i < chars.length; i++) chars[i] = ' ';
    norm = chars.join('');
  }
  return norm.replace(FILLER, ' ').replace(/[\s\p{P}\p{S}\d]+/gu, '');
}
