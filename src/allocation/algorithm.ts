/**
 * The draw of an allocation round, byte for byte as docs/allocation.md specifies it: the
 * canonical qualified list and its hash, the commitment, the seed, the SHA-256 random
 * stream, unbiased integers by rejection, Fisher–Yates, and the stages (priority groups in
 * order with their quotas, then everyone else). The server draws with this module and every
 * verifier (the CLI, the standalone page) recomputes with it, so it uses only WebCrypto and
 * TextEncoder: it runs unchanged in Node 20 and in a browser opened from file://.
 */

export const ALGORITHM_ID = 'xiaozheng-allocation-v1';

export const ALGORITHM_DESCRIPTION =
  '合格名单按申请编号（ASCII 字节序）升序排列，按规定格式生成规范文本并计算 SHA-256（名单哈希）；' +
  '抽签前公布承诺值 = SHA-256(服务器秘密 32 字节)；抽签时监督人输入公开随机值；' +
  '种子 = SHA-256(秘密 32 字节 ‖ 公开随机值 UTF-8 ‖ 名单哈希 32 字节)；' +
  '随机数流第 k 块 = SHA-256(种子 ‖ k 的 4 字节大端)，每块按大端切成 8 个 32 位整数依次使用；' +
  '取 [0,n) 的整数时丢弃 ≥ 2^32 − (2^32 mod n) 的值后取模（拒绝采样，无取模偏差）；' +
  '各优先组按优先顺序依次抽签：组内按申请编号排序后做 Fisher–Yates 洗牌（i 从末位到 1，与 [0,i] 中随机位置交换），前“配额”名依次排位；' +
  '其余所有人（含优先组未抽中者）按申请编号排序后洗牌，接续排位；排位 ≤ 房源/名额数者入选，其余为轮候顺序。';

/** Application numbers: ASCII letters, digits, '-' and '_', so byte order and string order agree everywhere. */
export const APPLICATION_NO = /^[A-Za-z0-9_-]{1,64}$/;

export interface DrawGroup {
  name: string;
  quota: number;
}

/** What the list hash covers: the round's identity and draw parameters, and the qualified applicants. */
export interface DrawRound {
  id: string;
  slots: number;
  /** in priority order (first drawn first) */
  groups: DrawGroup[];
}

export interface QualifiedEntry {
  applicationNo: string;
  /** the masked name as published */
  name: string;
  /** the priority group the applicant was qualified in, or null */
  group: string | null;
}

export interface DrawResult {
  applicationNo: string;
  /** 1 = drawn first */
  rank: number;
  /** the priority group whose quota the applicant was drawn in; null for the general draw */
  group: string | null;
  /** rank ≤ slots */
  selected: boolean;
}

const encoder = new TextEncoder();

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

/** Lower- or upper-case hex of the given byte length; null when it is not. */
export function fromHex(hex: string, length: number): Uint8Array | null {
  if (typeof hex !== 'string' || !new RegExp(`^[0-9a-fA-F]{${length * 2}}$`).test(hex)) return null;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) out[i] = parseInt(hex.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', data as Uint8Array<ArrayBuffer>));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Byte order of ASCII strings (what the spec sorts by); localeCompare would differ between machines. */
export function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const FIELD_FORBIDDEN = /[\t\n\r]/;

/** Why the round or list cannot be put in canonical form (Chinese, one line each); empty when it can. */
export function canonicalProblems(round: DrawRound, qualified: QualifiedEntry[]): string[] {
  const problems: string[] = [];
  if (typeof round.id !== 'string' || round.id === '' || FIELD_FORBIDDEN.test(round.id)) problems.push('轮次编号为空或含制表符、换行');
  if (!Number.isInteger(round.slots) || round.slots < 0) problems.push(`名额数 ${String(round.slots)} 不是非负整数`);
  const names = new Set<string>();
  let quotas = 0;
  for (const [i, g] of round.groups.entries()) {
    if (typeof g.name !== 'string' || g.name === '' || FIELD_FORBIDDEN.test(g.name)) problems.push(`第 ${i + 1} 个优先组的名称为空或含制表符、换行`);
    if (names.has(g.name)) problems.push(`优先组“${g.name}”重复`);
    names.add(g.name);
    if (!Number.isInteger(g.quota) || g.quota < 0) problems.push(`优先组“${g.name}”的配额 ${String(g.quota)} 不是非负整数`);
    quotas += g.quota;
  }
  if (quotas > round.slots) problems.push(`优先组配额合计 ${quotas} 超过名额数 ${round.slots}`);
  const seen = new Set<string>();
  for (const [i, e] of qualified.entries()) {
    const where = `合格名单第 ${i + 1} 项`;
    if (typeof e.applicationNo !== 'string' || !APPLICATION_NO.test(e.applicationNo)) {
      problems.push(`${where}的申请编号“${String(e.applicationNo)}”格式不正确（只能含英文字母、数字、- 和 _）`);
      continue;
    }
    if (seen.has(e.applicationNo)) problems.push(`申请编号 ${e.applicationNo} 在合格名单中重复`);
    seen.add(e.applicationNo);
    if (typeof e.name !== 'string' || e.name === '' || FIELD_FORBIDDEN.test(e.name)) problems.push(`${where}（${e.applicationNo}）的姓名为空或含制表符、换行`);
    if (e.group !== null && !names.has(e.group)) problems.push(`${where}（${e.applicationNo}）的优先组“${String(e.group)}”不在本轮的优先组中`);
  }
  return problems;
}

/**
 * The canonical text whose SHA-256 is the list hash (UTF-8, every line ends with \n):
 *   xiaozheng-allocation-list v1
 *   round<TAB>{round id}
 *   slots<TAB>{slots}
 *   group<TAB>{priority 1..m}<TAB>{quota}<TAB>{name}          one per group, in priority order
 *   applicant<TAB>{applicationNo}<TAB>{group or empty}<TAB>{masked name}   sorted by applicationNo
 */
export function canonicalList(round: DrawRound, qualified: QualifiedEntry[]): string {
  const problems = canonicalProblems(round, qualified);
  if (problems.length > 0) throw new Error(problems.join('；'));
  const lines = ['xiaozheng-allocation-list v1', `round\t${round.id}`, `slots\t${round.slots}`];
  round.groups.forEach((g, i) => lines.push(`group\t${i + 1}\t${g.quota}\t${g.name}`));
  for (const e of sortByApplicationNo(qualified)) lines.push(`applicant\t${e.applicationNo}\t${e.group ?? ''}\t${e.name}`);
  return lines.map((l) => `${l}\n`).join('');
}

export function sortByApplicationNo<T extends { applicationNo: string }>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => compareAscii(a.applicationNo, b.applicationNo));
}

export async function listHash(round: DrawRound, qualified: QualifiedEntry[]): Promise<string> {
  return toHex(await sha256(encoder.encode(canonicalList(round, qualified))));
}

/** commitment = SHA-256 of the 32 secret bytes (not of their hex text). */
export async function commitmentOf(secretHex: string): Promise<string> {
  const secret = fromHex(secretHex, 32);
  if (!secret) throw new Error('秘密值应为 64 位十六进制（32 字节）');
  return toHex(await sha256(secret));
}

/** seed = SHA-256(secret (32 bytes) ‖ public value (UTF-8, as entered) ‖ list hash (32 bytes)). */
export async function seedOf(secretHex: string, publicValue: string, listHashHex: string): Promise<string> {
  const secret = fromHex(secretHex, 32);
  const list = fromHex(listHashHex, 32);
  if (!secret) throw new Error('秘密值应为 64 位十六进制（32 字节）');
  if (!list) throw new Error('名单哈希应为 64 位十六进制（32 字节）');
  return toHex(await sha256(concat(secret, encoder.encode(publicValue), list)));
}

/** 32-bit words from block k = SHA-256(seed ‖ uint32 big-endian k), k = 0, 1, 2 …, 8 words a block. */
export class RandomStream {
  private block: Uint8Array | null = null;
  private counter = 0;
  private offset = 32;

  constructor(private readonly seed: Uint8Array) {}

  static fromHex(seedHex: string): RandomStream {
    const seed = fromHex(seedHex, 32);
    if (!seed) throw new Error('种子应为 64 位十六进制（32 字节）');
    return new RandomStream(seed);
  }

  async nextWord(): Promise<number> {
    if (this.block === null || this.offset >= 32) {
      const k = new Uint8Array(4);
      new DataView(k.buffer).setUint32(0, this.counter, false);
      this.block = await sha256(concat(this.seed, k));
      this.counter++;
      this.offset = 0;
    }
    const b = this.block;
    const o = this.offset;
    this.offset += 4;
    return ((b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!) >>> 0;
  }

  /**
   * A uniform integer in [0, n) for 1 ≤ n ≤ 2^32: words at or above the largest multiple of n
   * are rejected (the next word is taken), so every value has the same number of preimages.
   */
  async uniform(n: number): Promise<number> {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new RangeError(`uniform(${n}): n must be an integer in [1, 2^32]`);
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const x = await this.nextWord();
      if (x < limit) return x % n;
    }
  }
}

/** Durstenfeld's Fisher–Yates in place: for i = n−1 … 1, swap a[i] with a[uniform(i+1)]. */
export async function shuffle<T>(items: T[], stream: RandomStream): Promise<T[]> {
  for (let i = items.length - 1; i >= 1; i--) {
    const j = await stream.uniform(i + 1);
    const t = items[i]!;
    items[i] = items[j]!;
    items[j] = t;
  }
  return items;
}

/**
 * The whole draw from one seed: each priority group in order (its members sorted by
 * application number, shuffled, the first `quota` ranked), then all not yet ranked (sorted,
 * shuffled, ranked after). Everyone gets a rank; ranks 1…slots are selected.
 */
export async function draw(round: DrawRound, qualified: QualifiedEntry[], seedHex: string): Promise<DrawResult[]> {
  const problems = canonicalProblems(round, qualified);
  if (problems.length > 0) throw new Error(problems.join('；'));
  const stream = RandomStream.fromHex(seedHex);
  const sorted = sortByApplicationNo(qualified);
  const ranked = new Set<string>();
  const results: DrawResult[] = [];
  const place = (applicationNo: string, group: string | null) => {
    ranked.add(applicationNo);
    const rank = results.length + 1;
    results.push({ applicationNo, rank, group, selected: rank <= round.slots });
  };
  for (const g of round.groups) {
    const pool = await shuffle(
      sorted.filter((e) => e.group === g.name).map((e) => e.applicationNo),
      stream,
    );
    for (const no of pool.slice(0, g.quota)) place(no, g.name);
  }
  const rest = await shuffle(
    sorted.filter((e) => !ranked.has(e.applicationNo)).map((e) => e.applicationNo),
    stream,
  );
  for (const no of rest) place(no, null);
  return results;
}
