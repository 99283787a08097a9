/**
 * The query mix for the load test: the 600 real questions of policy-qa, short colloquial
 * citizen queries and law-style keyword queries; a few carry kind or region filters.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { SearchRequest } from '../../src/search/search.schema.js';

export const COLLOQUIAL = [
  '公积金提取',
  '身份证丢了怎么办',
  '开公司需要什么材料',
  '社保断缴了怎么办',
  '怎么办理居住证',
  '医保异地报销',
  '护照怎么办理',
  '失业金怎么领',
  '退休手续怎么办',
  '生孩子能报销多少',
  '营业执照注销',
  '个体户怎么注册',
  '房子过户要交什么税',
  '驾照到期换证',
  '孩子上学户口问题',
  '租房提取公积金',
  '新生儿上户口',
  '结婚登记需要带什么',
  '残疾证怎么办',
  '低保申请条件',
  '农民工工资拖欠找谁',
  '被公司辞退赔偿',
  '交通违章处理',
  '养老保险转移',
  '小区物业乱收费',
  '噪音扰民投诉',
  '口罩哪里能买到',
  '复工需要什么手续',
  '企业减免社保费',
  '疫情期间房租减免',
  '发热门诊在哪里',
  '隔离期间工资怎么算',
  '出租车停运补贴',
  '中小企业贷款贴息',
  '高校毕业生就业补贴',
  '网上怎么办理营业执照',
  '不动产证办理需要多久',
  '老人高龄补贴',
  '医保卡丢了怎么补办',
  '外地车限行规定',
];

export const LAWISH = [
  '不动产登记 申请材料',
  '劳动合同 解除 经济补偿',
  '行政复议 申请期限',
  '政府信息公开 申请',
  '最低工资标准',
  '工伤认定 申请时限',
  '食品经营许可',
  '个人所得税 专项附加扣除',
  '未成年人保护',
  '消费者权益保护 退货',
  '道路交通安全 机动车登记',
  '土地承包经营权 流转',
  '建设工程 质量保修期限',
  '环境影响评价 审批',
  '行政处罚 听证',
  '突发公共卫生事件 应急预案',
  '传染病防治 疫情报告',
  '住房公积金 缴存比例',
  '残疾人就业 保障金',
  '物业服务 收费标准',
  '婚姻登记 离婚冷静期',
  '继承 遗嘱 效力',
  '行政许可 办理时限',
  '民办学校 设立',
  '安全生产 事故报告',
  '药品管理 处方药',
  '税收征收管理 滞纳金',
  '社会保险费 征缴',
  '外商投资 准入负面清单',
  '城乡规划 违法建设',
];

export interface QueryItem {
  body: SearchRequest;
  /** policy-qa question: the document that answers it */
  docId?: string;
  group: 'question' | 'colloquial' | 'lawish';
}

export function loadQueries(dataRoot: string): QueryItem[] {
  const questions = fs
    .readFileSync(path.join(dataRoot, 'policy-qa/questions.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as { question: string; docId: string });
  const out: QueryItem[] = questions.map((q) => ({ body: { query: q.question, limit: 10 }, docId: q.docId, group: 'question' }));
  // the short queries are asked more often than once each: weight them so they are ~1/3 of the mix
  for (let rep = 0; rep < 3; rep++) {
    COLLOQUIAL.forEach((q, i) => {
      const body: SearchRequest = { query: q, limit: 10 };
      if (rep === 1 && i % 4 === 0) body.kinds = ['item', 'faq', 'policy'];
      if (rep === 2 && i % 5 === 0) body.filters = { region: '北京市' };
      out.push({ body, group: 'colloquial' });
    });
    LAWISH.forEach((q, i) => {
      const body: SearchRequest = { query: q, limit: 10 };
      if (rep === 1 && i % 3 === 0) body.kinds = ['law'];
      out.push({ body, group: 'lawish' });
    });
  }
  // deterministic shuffle so consecutive requests differ in kind and length
  let s = 12345;
  const rand = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 4294967296);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}
