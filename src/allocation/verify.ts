/**
 * The verifier of an allocation export (docs/allocation.md): recomputes the list hash, the
 * commitment, the seed and the whole draw, and names every value that does not match, in
 * Chinese. Pure and browser-safe: `xiaozheng allocation verify` and the standalone page
 * web/public/allocation-verify.html (built from this module) run exactly this code.
 */
import { ALGORITHM_ID, canonicalProblems, commitmentOf, draw, fromHex, listHash, seedOf, type DrawResult, type DrawRound, type QualifiedEntry } from './algorithm.js';

export const EXPORT_FORMAT = 'xiaozheng-allocation-export/1';

export interface AllocationExport {
  format: string;
  algorithm: { id: string; description: string; specification: string };
  round: {
    id: string;
    title: string;
    resource: { name: string; kind: string; slots: number };
    /** in priority order */
    groups: Array<{ name: string; quota: number }>;
    registration: { opensAt: string | null; closesAt: string | null };
    listPublishedAt: string;
    committedAt: string;
    drawnAt: string;
  };
  qualified: QualifiedEntry[];
  listHash: string;
  commitment: string;
  secret: string;
  publicValue: string;
  seed: string;
  results: DrawResult[];
}

/** Values published before the draw (the public page, a notary's record) that the export must still carry. */
export interface Expected {
  listHash?: string;
  commitment?: string;
}

export interface VerifyReport {
  ok: boolean;
  /** what does not match, one sentence each */
  problems: string[];
  /** what was checked and found right */
  checked: string[];
  computed: { listHash?: string; commitment?: string; seed?: string };
  summary?: { qualified: number; slots: number; selected: number };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Shape checks first: a value of the wrong type is named, never thrown as a TypeError. */
function shapeProblems(x: unknown): string[] {
  if (!isObject(x)) return ['文件内容不是 JSON 对象'];
  const p: string[] = [];
  if (x.format !== EXPORT_FORMAT) p.push(`format 应为 ${EXPORT_FORMAT}，现为 ${JSON.stringify(x.format)}`);
  if (!isObject(x.algorithm) || x.algorithm.id !== ALGORITHM_ID) p.push(`algorithm.id 应为 ${ALGORITHM_ID}（本校验程序只实现这一算法）`);
  const r = x.round;
  if (!isObject(r)) p.push('缺少 round（轮次信息）');
  else {
    if (typeof r.id !== 'string') p.push('round.id 应为字符串');
    if (!isObject(r.resource) || !Number.isInteger(r.resource.slots)) p.push('round.resource.slots（名额数）应为整数');
    if (!Array.isArray(r.groups) || !r.groups.every((g) => isObject(g) && typeof g.name === 'string' && Number.isInteger(g.quota))) p.push('round.groups 应为 [{name, quota}] 数组');
  }
  if (!Array.isArray(x.qualified) || !x.qualified.every((e) => isObject(e) && typeof e.applicationNo === 'string' && typeof e.name === 'string' && (e.group === null || typeof e.group === 'string'))) {
    p.push('qualified 应为 [{applicationNo, name, group}] 数组（group 为字符串或 null）');
  }
  for (const k of ['listHash', 'commitment', 'secret', 'seed'] as const) {
    if (typeof x[k] !== 'string' || !fromHex(x[k] as string, 32)) p.push(`${k} 应为 64 位十六进制`);
  }
  if (typeof x.publicValue !== 'string' || x.publicValue === '') p.push('publicValue（公开随机值）应为非空字符串');
  if (!Array.isArray(x.results) || !x.results.every((e) => isObject(e) && typeof e.applicationNo === 'string' && Number.isInteger(e.rank) && (e.group === null || e.group === undefined || typeof e.group === 'string'))) {
    p.push('results 应为 [{applicationNo, rank, group?, selected?}] 数组');
  }
  return p;
}

const short = (h: string) => `${h.slice(0, 16)}…`;

/** Compares published results with the recomputed ones, applicant by applicant. */
function resultProblems(published: DrawResult[], expected: DrawResult[]): string[] {
  const p: string[] = [];
  const byNo = new Map(published.map((r) => [r.applicationNo, r]));
  if (byNo.size !== published.length) p.push('结果中有重复的申请编号');
  const ranks = new Set(published.map((r) => r.rank));
  if (ranks.size !== published.length) p.push('结果中有重复的排位');
  for (const e of expected) {
    const r = byNo.get(e.applicationNo);
    if (!r) {
      p.push(`结果缺少合格申请人 ${e.applicationNo}（重算排位 ${e.rank}）`);
      continue;
    }
    if (r.rank !== e.rank) p.push(`申请编号 ${e.applicationNo} 的排位为 ${r.rank}，重算应为 ${e.rank}`);
    if ((r.group ?? null) !== e.group) p.push(`申请编号 ${e.applicationNo} 的抽签组为“${r.group ?? '普通'}”，重算应为“${e.group ?? '普通'}”`);
    if (r.selected !== undefined && r.selected !== e.selected) p.push(`申请编号 ${e.applicationNo} 标为${r.selected ? '入选' : '未入选'}，重算应为${e.selected ? '入选' : '未入选'}`);
  }
  const known = new Set(expected.map((e) => e.applicationNo));
  for (const r of published) if (!known.has(r.applicationNo)) p.push(`结果中的申请编号 ${r.applicationNo} 不在合格名单中`);
  return p;
}

/**
 * Recomputes everything in an export. `ok` only when the list hash, commitment, seed and
 * every result match (and the values published before the draw, when given).
 */
export async function verifyExport(input: unknown, expected: Expected = {}): Promise<VerifyReport> {
  const shape = shapeProblems(input);
  if (shape.length > 0) return { ok: false, problems: shape, checked: [], computed: {} };
  const x = input as AllocationExport;
  const problems: string[] = [];
  const checked: string[] = [];
  const computed: VerifyReport['computed'] = {};
  const round: DrawRound = { id: x.round.id, slots: x.round.resource.slots, groups: x.round.groups.map((g) => ({ name: g.name, quota: g.quota })) };
  const qualified: QualifiedEntry[] = x.qualified.map((e) => ({ applicationNo: e.applicationNo, name: e.name, group: e.group }));
  const canonical = canonicalProblems(round, qualified);
  if (canonical.length > 0) return { ok: false, problems: canonical, checked, computed };

  const lh = await listHash(round, qualified);
  computed.listHash = lh;
  if (lh !== x.listHash.toLowerCase()) problems.push(`名单哈希不符：按合格名单重算为 ${lh}，文件中为 ${x.listHash}（名单或轮次参数被改动）`);
  else checked.push(`名单哈希一致：${lh}`);
  if (expected.listHash !== undefined) {
    if (expected.listHash.toLowerCase() !== lh) problems.push(`名单哈希与抽签前公布的 ${expected.listHash} 不符（重算为 ${short(lh)}）`);
    else checked.push('名单哈希与抽签前公布的一致');
  }

  const c = await commitmentOf(x.secret);
  computed.commitment = c;
  if (c !== x.commitment.toLowerCase()) problems.push(`承诺值不符：SHA-256(秘密) = ${c}，文件中的承诺值为 ${x.commitment}（秘密值或承诺值被改动）`);
  else checked.push(`承诺值一致：SHA-256(秘密) = ${c}`);
  if (expected.commitment !== undefined) {
    if (expected.commitment.toLowerCase() !== c) problems.push(`秘密值与抽签前公布的承诺值 ${expected.commitment} 不符（SHA-256(秘密) = ${short(c)}）`);
    else checked.push('秘密值与抽签前公布的承诺值一致');
  }

  // the seed is recomputed from the file's own list hash as well as from the recomputed one:
  // a changed list is then reported once (above), not again as a seed mismatch
  const seed = await seedOf(x.secret, x.publicValue, lh);
  computed.seed = seed;
  const seedFromFile = await seedOf(x.secret, x.publicValue, x.listHash);
  if (seed !== x.seed.toLowerCase() && seedFromFile !== x.seed.toLowerCase()) problems.push(`种子不符：由秘密、公开随机值“${x.publicValue}”和名单哈希重算为 ${seed}，文件中为 ${x.seed}（公开随机值、秘密或种子被改动）`);
  else if (seed === x.seed.toLowerCase()) checked.push(`种子一致：${seed}`);

  const recomputed = await draw(round, qualified, seed);
  const rp = resultProblems(x.results, recomputed);
  if (rp.length > 0) {
    const shown = rp.slice(0, 20);
    problems.push(...shown);
    if (rp.length > shown.length) problems.push(`……结果共有 ${rp.length} 处与重算不符`);
  } else checked.push(`抽签结果一致：${recomputed.length} 人的排位与重算相同`);

  return { ok: problems.length === 0, problems, checked, computed, summary: { qualified: qualified.length, slots: round.slots, selected: recomputed.filter((r) => r.selected).length } };
}
