/** The fixed texts the engine says (citizen-facing Chinese), in one place for review. */
import type { EmergencyNumber, GreetingKind, OutOfScopeCategory } from './message-guard.js';

export const CAPABILITY =
  '我是小政，可以解答政务服务事项的办理问题（需要什么材料、符合什么条件、多久办好、收不收费、在哪里办、能不能网上办），也可以查询相关政策法规的规定。';

export const CAPABILITY_SUGGESTIONS = ['办身份证需要什么材料？', '公积金怎么提取？', '营业执照在哪里办？', '转人工'];

const EMERGENCY: Record<EmergencyNumber, string> = {
  '119': '请立即拨打 119 火警电话！尽快离开危险区域，不要乘坐电梯；燃气泄漏时不要开关电器、不要使用明火。',
  '120': '请立即拨打 120 急救电话！说清地址和病人情况，保持电话畅通，不要随意搬动伤病员。',
  '110': '请立即拨打 110 报警电话！先确保自身安全，尽量远离危险，记住对方特征。',
  '122': '请立即拨打 122 交通事故报警电话！开启危险报警闪光灯，在车后方放置警告标志，人员转移到安全地带。',
};

/** The numbers first, each with what to do; the assistant's scope after. */
export function emergency(numbers: EmergencyNumber[]): string {
  const lines = numbers.map((n, i) => (i === 0 ? EMERGENCY[n] : `如有需要，同时拨打 ${n}。${EMERGENCY[n].replace(/^请立即拨打 \d+ [^！]*！/u, '')}`));
  return `${lines.join('\n')}\n紧急情况请直接拨打以上电话，不要在这里等待回复。`;
}

export const HANDOFF = '好的，正在为您转接人工客服，请稍候。工作人员接入后会在这里回复您。';
export const COMPLAINT_HANDOFF =
  '非常抱歉给您带来不好的体验。您的投诉正在转交人工客服，工作人员接入后会在这里记录您的诉求，并转 12345 政务服务便民热线跟进处理；您也可以直接拨打 12345 投诉。请告诉我们办理的事项、时间、窗口或人员，便于核实。';
export const SENSITIVE_HANDOFF = '您的诉求我们已经收到，正在为您转接工作人员处理，请稍候。如遇紧急危险，请立即拨打 110。';
export const SENSITIVE_REFUSE = `请文明交流，我们会尽力帮您解决问题。${CAPABILITY}`;
export const NO_SOURCE_HANDOFF = '抱歉，我在知识库里没有找到能回答这个问题的依据，不能随意作答。已为您转接人工客服，请稍候；您也可以拨打 12345 政务服务便民热线咨询。';

const OUT_OF_SCOPE: Record<OutOfScopeCategory | 'unknown', string> = {
  chitchat: '这个话题我帮不上忙。',
  general_knowledge: '这类常识或知识性问题不在我的服务范围内。',
  shopping: '购物和商品推荐不在我的服务范围内。',
  personal_data: '抱歉，我不能查询或提供他人的个人信息（如身份证号、电话、住址）。本人信息请持有效证件到相关部门或通过官方渠道查询。',
  injection: '抱歉，我不能提供或改变自己的工作设定。',
  unknown: '抱歉，我在知识库里没有找到与这个问题相关的内容。',
};

export function outOfScope(category: OutOfScopeCategory | 'unknown'): string {
  return `${OUT_OF_SCOPE[category]}${CAPABILITY}`;
}

export function greeting(kind: GreetingKind): string {
  switch (kind) {
    case 'hello':
      return `您好！${CAPABILITY}请问有什么可以帮您？`;
    case 'identity':
      return `${CAPABILITY}需要人工服务时，说“转人工”即可。`;
    case 'thanks':
      return '不客气！还有其他问题随时问我。';
    case 'bye':
      return '感谢您的咨询，再见！';
  }
}

export function clarify(titles: string[]): string {
  return `您问的是下面哪一项？请回复序号或名称：\n${titles.map((t, i) => `${i + 1}. ${t}`).join('\n')}`;
}
