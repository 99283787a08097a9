/**
 * Query field intent: which part of a service item a question asks about (申请材料, 办结时限,
 * 收费标准, 办理地点 …), from a table of cue words and patterns per field. The labels are
 * the passage labels of src/knowledge/entry-text.ts. The search uses the intent for item hits
 * only: the passage of the intended field becomes the hit's best passage, and the cue words
 * weigh less in item scoring (they say which field, not which item). See docs/search.md.
 *
 * Rules of the table:
 *  - patterns are matched on the normalised query (same offsets as the original), strongest
 *    and longest first; a span already claimed by a cue is not matched again (手续费 is a fee
 *    cue, so 手续 inside it is no longer a materials cue);
 *  - `weak` cues (能不能办, 可以…吗 → conditions) count only when no strong cue is found, so
 *    "网上能办吗" is about 网上办理, not about 条件;
 *  - `unless` patterns exclude uses that are not about the field: 能领多少钱 asks for an
 *    amount of a benefit, not for a fee; 有效期多久 / 能领多久 ask for a period, not for the
 *    time the office takes.
 */
import { normalizeText } from '../text/normalize.js';

export type IntentField = 'materials' | 'conditions' | 'timeLimit' | 'fees' | 'places' | 'online' | 'contact' | 'process' | 'legalBasis' | 'result';

export interface FieldCue {
  field: IntentField;
  /** [start, end) in the normalised query (= the original query) */
  start: number;
  end: number;
  text: string;
}

export interface FieldIntent {
  /** the fields asked about, in the order their cues occur */
  fields: IntentField[];
  /** passage labels to put first, most wanted first: each field's own label, then its fallbacks */
  labels: string[];
  cues: FieldCue[];
}

interface CueRule {
  field: IntentField;
  pattern: RegExp;
  weak?: boolean;
  /** when this matches around the cue (searched in the whole query), the cue does not count */
  unless?: RegExp;
}

/** Passage labels for a field: its own first, then what answers it when the item lacks that passage. */
export const FIELD_LABELS: Record<IntentField, readonly string[]> = {
  materials: ['materials'],
  conditions: ['conditions'],
  timeLimit: ['timeLimit'],
  fees: ['fees'],
  places: ['places', 'online'],
  // the name passage lists 办理形式 (窗口办理、网上办理 …)
  online: ['online', 'name'],
  contact: ['contact', 'places'],
  process: ['process'],
  legalBasis: ['legalBasis'],
  result: ['result'],
};

const AMOUNT_NOT_FEE = /(能|可以|可|每月|每个月|一个月|每年|一年|最多|最高)(领|拿|给|发|贷|提|取|报|补|赔|退)|(补贴|津贴|补助|救助金|养老金|退休金|失业金|工资|利息|额度)[^，,。；;？?]{0,4}(是|有|能|发|给)?多少/u;
const PERIOD_NOT_TIME = /(有效期|冷静期|保质期|提前|能领|可以领|能住|可以住|交了|缴了|贷款期限|能贷)[^，,。；;？?]{0,3}(多久|多长时间|几年|几个月)/u;

/**
 * The cue table. Order matters only between overlapping cues (earlier wins at the same
 * place; longer matches are taken before shorter ones).
 */
export const CUE_RULES: readonly CueRule[] = [
  // 收费：手续费 / 工本费 must be claimed before 手续 (materials)
  { field: 'fees', pattern: /(需要|要)?(交|缴|花|付|收)?(多少钱|多少费用?)/gu, unless: AMOUNT_NOT_FEE },
  { field: 'fees', pattern: /收费标准|收费吗|收不收费|收钱吗|收费|要钱吗|要不要钱|花钱吗|交钱吗|要交钱|要花钱|免费吗|是不是免费|是否免费|费用|手续费|工本费|办证费|成本费|贵不贵/gu },
  // 办结时限
  { field: 'timeLimit', pattern: /(需要|要|得)?(等)?(多久|多长时间|多少天|几天|几个工作日|多少个工作日|几个月)(能|可以|才能)?(拿到|办好|办完|下来|出证|拿证|办下来)?/gu, unless: PERIOD_NOT_TIME },
  { field: 'timeLimit', pattern: /办结时限|办理时限|承诺时限|法定时限|时限|办理期限|当天(能|可以)?(拿|办|出)|立等可取|即办|多快|快不快|什么时候(能|可以)?(拿到|出证|办好|下来)/gu },
  // 办理地点和时间
  { field: 'places', pattern: /办理地点|办公地点|办事地点|受理地点|地点|地址|在哪里?|在哪儿|去哪里?|去哪儿|到哪里?|到哪儿|哪里(办|申请|受理|领|交)?|哪儿(办|申请)?|哪个(窗口|部门|单位|地方)|什么地方|窗口在|几点(上班|下班|开门|关门)?|办公时间|上班时间|工作时间|周末(能|可以)?(办|上班)?|节假日/gu },
  // 网上办理
  { field: 'online', pattern: /网上办理地址|网上(办理?|申请|申报|提交|预约)?|线上(办理?|申请)?|在线(办理?|申请)?|手机上?(办|申请)?|掌上|app|小程序|公众号|网办|网址|网站|官网|不用跑|不见面|零跑腿|跑一次|预约|邮寄|快递|寄送|自助/gu },
  // 咨询电话
  { field: 'contact', pattern: /咨询电话|联系电话|投诉电话|监督电话|电话(号码)?|热线|联系方式|怎么联系|投诉|打给谁/gu },
  // 设定依据
  { field: 'legalBasis', pattern: /设定依据|法律依据|政策依据|依据|法规|法律规定|哪(条|部|个)(法|规定|文件)|根据(什么|哪)/gu },
  // 审批结果、通办范围
  { field: 'result', pattern: /审批结果|办理结果|结果(是什么)?|发(什么|啥)证|拿到(什么|啥)证?|通办范围|通办/gu },
  // 办理流程
  { field: 'process', pattern: /办理流程|办事流程|申请流程|流程|步骤|程序|环节|办理方式|办理程序|怎么办理|如何办理|怎样办理|怎么操作|如何操作/gu },
  // 受理条件
  { field: 'conditions', pattern: /(需要|要)?(什么|哪些|啥)?(申请|办理|受理|准入)?(条件|资格|门槛)|(什么|哪些|啥)(人|样的人)(能|可以)|谁(能|可以)|符合(什么|哪些)?|够不够|年龄要求|有(什么|哪些)要求|要求/gu },
  // 申请材料
  { field: 'materials', pattern: /(申请|所需|需要|要|提交|提供|准备|携带|带)?(的)?(什么|哪些|啥)?(材料|资料|证明材料|要件)|(需要|要|得)?(带|准备|提交|提供|携带|拿)(上)?(什么|啥|哪些)(东西|证件|证明)?|(需要|要|办)?(什么|哪些|啥)?手续/gu },
  // weak: ability questions are conditions only when nothing else is asked
  { field: 'conditions', pattern: /能不能|可不可以|能否|是否可以|(能|可以)(?=[^，,。；;？?]{0,10}吗)/gu, weak: true },
];

/** Detects the fields a query asks about. The query need not be normalised. */
export function detectFieldIntent(query: string): FieldIntent {
  const norm = normalizeText(query);
  const claimed = new Uint8Array(norm.length);
  const strong: FieldCue[] = [];
  const weak: FieldCue[] = [];
  for (const rule of CUE_RULES) {
    if (rule.unless?.test(norm)) continue;
    const re = new RegExp(rule.pattern.source, rule.pattern.flags.includes('g') ? rule.pattern.flags : `${rule.pattern.flags}g`);
    for (const m of norm.matchAll(re)) {
      const start = m.index;
      const end = start + m[0].length;
      if (end === start) continue;
      let free = true;
      for (let i = start; i < end; i++) if (claimed[i]) free = false;
      if (!free) continue;
      if (!rule.weak) for (let i = start; i < end; i++) claimed[i] = 1;
      (rule.weak ? weak : strong).push({ field: rule.field, start, end, text: norm.slice(start, end) });
    }
  }
  const cues = (strong.length > 0 ? strong : weak).sort((a, b) => a.start - b.start);
  const fields: IntentField[] = [];
  for (const c of cues) if (!fields.includes(c.field)) fields.push(c.field);
  const labels: string[] = [];
  for (const f of fields) if (!labels.includes(FIELD_LABELS[f][0]!)) labels.push(FIELD_LABELS[f][0]!);
  for (const f of fields) for (const l of FIELD_LABELS[f]) if (!labels.includes(l)) labels.push(l);
  return { fields, labels, cues };
}

/** A mask over the normalised query: 1 where a cue lies. */
export function cueMask(intent: FieldIntent, length: number): Uint8Array {
  const mask = new Uint8Array(length);
  for (const c of intent.cues) mask.fill(1, c.start, Math.min(c.end, length));
  return mask;
}
