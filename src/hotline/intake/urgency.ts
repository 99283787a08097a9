/**
 * Urgency of an order: emergencies go to 110/119/120/122 at once (国办函〔2025〕66号), the
 * same recognition the consultation uses; urgent when safety, a vulnerable person or a cut of
 * basic supply is at stake now; normal otherwise.
 */
import { MessageGuard } from '../../assistant/message-guard.js';
import { SensitiveWordPolicy } from '../../assistant/sensitive-words.js';
import { normalizeText } from '../../text/normalize.js';

export type Urgency = 'normal' | 'urgent' | 'emergency';

const URGENT = /紧急|十万火急|危险|安全隐患|随时(可能)?(倒塌|坍塌|掉落|断裂)|倒塌|坍塌|塌陷|漏电|电线(裸露|掉落)|井盖(丢失|缺失|破损)|停水|停电|断水|断电|没水|没电|停气|供暖|暖气不热|燃气|孤寡|独居老人|瘫痪|重病|孩子(走失|失联)|走失|被困|欠薪|讨薪|拖欠(工资|农民工)|无家可归|露宿/u;

const NUMBER_NAMES: Record<string, string> = { '110': '110 报警', '119': '119 火警', '120': '120 急救', '122': '122 交通事故报警' };

export interface UrgencyResult {
  urgency: Urgency;
  /** emergency numbers to call at once, in order */
  numbers: string[];
  /** what the agent should tell the caller (Chinese), for emergencies */
  advice?: string;
}

const guard = new MessageGuard(new SensitiveWordPolicy([]));

export function assessUrgency(title: string | undefined, text: string): UrgencyResult {
  const all = `${title ?? ''}。${text}`;
  const verdict = guard.check(all);
  if (verdict.kind === 'emergency') {
    return {
      urgency: 'emergency',
      numbers: verdict.numbers,
      advice: `紧急情况：请立即告知来电人拨打 ${verdict.numbers.map((n) => NUMBER_NAMES[n]).join('、')}，或由坐席立即转接，不按普通工单等待派单。`,
    };
  }
  return { urgency: URGENT.test(normalizeText(all)) ? 'urgent' : 'normal', numbers: [] };
}
