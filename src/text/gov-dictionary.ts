/**
 * Government-domain words for jieba, so that official terms come out as one word
 * (承诺办结时限, 统一社会信用代码 …). The canonical and alias sides of the built-in synonyms
 * are added too. Changing this list changes index terms: the index signature includes it.
 */
import { DEFAULT_SYNONYMS } from './default-synonyms.js';

const GOV_WORDS = `
政务服务 政务服务事项 办事指南 实施清单 基本目录 事项名称 基本编码 实施编码 事项类型 设定依据 行使层级
实施主体 委托部门 服务对象 办件类型 即办件 承诺件 办理形式 受理条件 法定办结时限 承诺办结时限 办结时限
到办事现场次数 必须现场办理 是否收费 收费项目 收费标准 收费依据 办理流程 办理地点 办理时间 咨询电话 监督投诉电话
网上办理地址 网上办理 物流快递 网上支付 申请材料 材料名称 材料类型 来源渠道 申请人自备 政府部门核发 容缺后补
纸质材料 电子材料 原件 复印件 空白表格 示例样表 填报须知 受理标准 审批结果 通办范围 跨省通办 全市通办 一网通办
一窗受理 一件事 一次办 最多跑一次 不见面审批 告知承诺 告知承诺制 容缺受理 证明事项 电子证照 电子印章
发文机关 发文字号 成文日期 发布日期 施行日期 失效日期 废止日期 现行有效 已修改 已废止 尚未生效 适用地域
行政法规 部门规章 地方性法规 地方政府规章 规范性文件 司法解释 实施细则 实施办法 暂行条例 暂行办法 管理办法
行政许可 行政处罚 行政强制 行政征收 行政给付 行政检查 行政确认 行政奖励 行政裁决 其他行政权力 公共服务
行政复议 行政诉讼 政府信息公开 法律援助 便民热线 派单 工单 承办单位 督办 回访 满意度 办结
市场主体 市场监督管理 市场监管部门 人力资源社会保障 人力资源和社会保障 住房城乡建设 住房和城乡建设 卫生健康委 医疗保障局
不动产登记 不动产权证书 不动产登记中心 统一社会信用代码 营业执照 个体工商户 小微企业 中小微企业 民营企业 外商投资企业
社会保险 社会保险费 社会保障卡 基本养老保险 基本医疗保险 失业保险 工伤保险 生育保险 失业保险金 稳岗返还 以工代训
住房公积金 公积金 缴存基数 缴存比例 提取 贷款贴息 创业担保贷款 担保费 应急转贷 延期还本 无还本续贷
最低生活保障 特困人员 临时救助 医疗救助 残疾人两项补贴 高龄津贴 退役军人 优抚对象 烈士褒扬
居民身份证 居住证 户口簿 户口迁入 户口迁出 准迁证 出生医学证明 结婚登记 离婚登记 收养登记
疫情防控 新型冠状病毒 新型冠状病毒肺炎 新冠肺炎 新型冠状病毒感染 复工复产 联防联控 群防群控 防控物资 防护物资 医用口罩 医用防护服
隔离观察 医学观察 密切接触者 健康码 核酸检测 体温检测 湖北籍 重点地区 返岗 错峰 线上办理 不见面
减免租金 房租减免 租金减免 税收优惠 减征 免征 缓缴 延期缴纳 阶段性减免 增值税 企业所得税 个人所得税 小规模纳税人
`;

/** colloquial question phrases (要什么材料) stay out: queries drop their question words anyway */
const QUESTION_LIKE = /什么|多少|哪|怎|吗|几/u;

export const DOMAIN_WORDS: readonly string[] = [
  ...new Set([...GOV_WORDS.split(/\s+/u).filter(Boolean), ...DEFAULT_SYNONYMS.flatMap(([a, c]) => [a, c]).filter((w) => w.length >= 2 && w.length <= 12 && !QUESTION_LIKE.test(w))]),
];

/** The dictionary in jieba's "word freq tag" line format. */
export function domainDictionary(words: readonly string[] = DOMAIN_WORDS): Uint8Array {
  return new TextEncoder().encode(words.map((w) => `${w} 3000 n`).join('\n'));
}
