/**
 * 工单 type (咨询/求助/投诉/举报/建议/表扬) from cue words. The labeled history carries no
 * type, so there is nothing to learn it from; cues are counted in title and text and the
 * type with most cues wins, ties going to the earlier type in TYPE_CUES (the more specific
 * one). A message with no cue is a 咨询, the commonest kind at a 12345 center.
 */
import { normalizeText } from '../../text/normalize.js';

export const ORDER_TYPES = ['咨询', '求助', '投诉', '举报', '建议', '表扬'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

const TYPE_CUES: [OrderType, RegExp][] = [
  ['表扬', /表扬|点赞|致谢|感谢信|锦旗|好评|称赞|为.{1,8}点赞/g],
  ['举报', /举报|非法|违法|违规|偷排|私自|黑作坊|无证|偷税|贪污|受贿|涉嫌/g],
  ['投诉', /投诉|不作为|乱收费|态度恶劣|拖欠|推诿|扰民|噪音|不合理|欺诈|侵害|损害|强制|[没无]人(?:管|处理|清理|维修|理会)|迟迟不|一直不|屡次|多次反映|严重影响/g],
  ['求助', /求助|求救|救助|帮帮|请帮|帮忙|无力|困难|急需|走投无路/g],
  ['建议', /建议|希望|呼吁|能否|可否|应当|应该|望.{0,6}(?:尽快|早日|加强|解决|增设|安装)|提议/g],
  ['咨询', /咨询|请问|是否|怎么办|如何|多少|哪里|什么时候|吗[？?]/g],
];

export function classifyType(title: string | undefined, text: string): OrderType {
  const all = normalizeText(`${title ?? ''}\n${text}`);
  let best: OrderType = '咨询';
  let bestCount = 0;
  for (const [type, re] of TYPE_CUES) {
    const n = all.match(re)?.length ?? 0;
    if (n > bestCount) {
      best = type;
      bestCount = n;
    }
  }
  return best;
}
