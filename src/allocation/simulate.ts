/**
 * A complete round on generated applicants, through the real services: create, register
 * (valid GB 11643 ID numbers), review as the rules suggest, publish the list, commit, draw,
 * export. For demonstrations, tests and load figures; it runs on whatever database the
 * services were built on (the CLI gives it a throwaway one) and moves the services' clock
 * along a simulated timeline instead of waiting for the registration window.
 */
import type { Actor } from '../auth/actor.js';
import type { Clock } from '../auth/clock.js';
import { idCardCheckChar } from '../prereview/validators/idcard.js';
import { RandomStream, sha256, toHex } from './algorithm.js';
import type { Group, RegistrationInput } from './allocation.schema.js';
import type { AllocationServices } from './allocation.module.js';
import type { AllocationExport } from './verify.js';

const staff = (name: string, role: Actor['role']): Actor => ({ kind: 'system', userId: null, name: `system:${name}`, role, departmentId: null, via: 'cli' });
const SIMULATION_ACTORS = { manager: staff('simulate-admin', 'admin'), reviewer: staff('simulate-reviewer', 'reviewer'), supervisor: staff('simulate-supervisor', 'leader') };

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗', '欧阳', '司马'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '桂英', '建华', '志强', '晓东', '子涵', '雨欣'];
/** Real county codes (GB/T 2260) of 北京市 (the simulated round's 户籍 area) and elsewhere. */
const LOCAL = ['110101', '110102', '110105', '110106', '110108', '110114'];
const ELSEWHERE = ['310104', '440106', '330106', '510104', '420102', '320102'];

export interface SimulationOptions {
  applicants: number;
  slots: number;
  /** priority groups; by default 优抚对象 and 低保家庭 with about a tenth of the slots each */
  groups?: Group[];
  /** the value a supervisor would enter; random when absent */
  publicValue?: string;
  /** makes the generated applicants reproducible (the commitment's secret stays random) */
  seed?: string;
}

/** Deterministic choices for the generated data, from the same SHA-256 stream as the draw. */
class Picker {
  private constructor(private readonly s: RandomStream) {}
  static async of(seed: string): Promise<Picker> {
    return new Picker(RandomStream.fromHex(toHex(await sha256(new TextEncoder().encode(`xiaozheng simulate ${seed}`)))));
  }
  int(n: number): Promise<number> {
    return this.s.uniform(n);
  }
  async pick<T>(items: readonly T[]): Promise<T> {
    return items[await this.int(items.length)]!;
  }
  async chance(percent: number): Promise<boolean> {
    return (await this.int(100)) < percent;
  }
}

/** An 18-digit ID number with a real address code, a real birth date and the GB 11643 check character. */
async function generateIdNumber(p: Picker, region: string, today: Date): Promise<string> {
  const age = 18 + (await p.int(60));
  const birth = new Date(Date.UTC(today.getUTCFullYear() - age, await p.int(12), 1 + (await p.int(28))));
  const date = birth.toISOString().slice(0, 10).replace(/-/g, '');
  const first17 = `${region}${date}${String(await p.int(1000)).padStart(3, '0')}`;
  return first17 + idCardCheckChar(first17);
}

async function applicant(p: Picker, groups: Group[], today: Date): Promise<RegistrationInput> {
  const local = await p.chance(85);
  const region = await p.pick(local ? LOCAL : ELSEWHERE);
  let group: string | null = null;
  for (const g of groups) if (group === null && (await p.chance(10))) group = g.name;
  return {
    name: (await p.pick(SURNAMES)) + (await p.pick(GIVEN)),
    idNumber: await generateIdNumber(p, region, today),
    phone: `1${3 + (await p.int(7))}${String(await p.int(1_000_000_000)).padStart(9, '0')}`,
    householdDivision: local ? region : await p.pick(LOCAL),
    income: 10_000 + (await p.int(70_000)),
    holding: await p.chance(5),
    group,
  };
}

/**
 * `n` applicants, each with another ID number: random numbers collide by the birthday paradox
 * (tens of times among 100,000), and a repeated one would be refused as a second registration.
 */
export async function generateApplicants(seed: string, n: number, groups: Group[], today: Date): Promise<RegistrationInput[]> {
  const p = await Picker.of(seed);
  const seen = new Set<string>();
  const out: RegistrationInput[] = [];
  while (out.length < n) {
    const input = await applicant(p, groups, today);
    if (seen.has(input.idNumber)) continue;
    seen.add(input.idNumber);
    out.push(input);
  }
  return out;
}

export async function simulateRound(services: AllocationServices, clock: Clock, opts: SimulationOptions): Promise<AllocationExport> {
  const { manager, reviewer, supervisor } = SIMULATION_ACTORS;
  const start = clock.now();
  const at = (days: number) => new Date(start.getTime() + days * 86_400_000);
  const real = clock.now;
  try {
    const groups = opts.groups ?? [
      { name: '优抚对象', quota: Math.floor(opts.slots / 10), description: '退役军人、烈属等优抚对象' },
      { name: '低保家庭', quota: Math.floor(opts.slots / 10), description: '持有效低保证的家庭' },
    ];
    const round = await services.rounds.create(manager, {
      title: `模拟轮次：公租房配租（${opts.applicants} 人报名，${opts.slots} 套）`,
      resourceName: '公共租赁住房',
      resourceKind: '公租房',
      slots: opts.slots,
      description: '由 xiaozheng allocation simulate 生成的演示数据',
      rules: [{ type: 'age', min: 18 }, { type: 'household', prefixes: ['1101'] }, { type: 'income', max: 60_000 }, { type: 'notHolding' }],
      groups,
      registrationOpensAt: at(0).toISOString(),
      registrationClosesAt: at(7).toISOString(),
    });
    await services.rounds.openRegistration(manager, round.id);
    clock.now = () => at(1);
    const numbers: Array<{ no: string; suggestion: string; group: string | null }> = [];
    for (const input of await generateApplicants(opts.seed ?? String(Date.now()), opts.applicants, groups, at(1))) {
      const r = await services.applications.register(manager, round.id, input);
      numbers.push({ no: r.applicationNo, suggestion: r.suggestion, group: input.group });
    }
    clock.now = () => at(7);
    await services.rounds.closeRegistration(manager, round.id);
    clock.now = () => at(10);
    for (const a of numbers) {
      const qualified = a.suggestion === 'qualified';
      await services.applications.decide(reviewer, a.no, { decision: qualified ? 'qualified' : 'unqualified', group: qualified ? a.group : null, reason: qualified ? '经核验，符合申请条件' : '经核验，不符合申请条件（见初审意见）' });
    }
    clock.now = () => at(14);
    await services.rounds.publishList(manager, round.id);
    clock.now = () => at(15);
    await services.rounds.publishCommitment(manager, round.id);
    clock.now = () => at(21);
    const publicValue = opts.publicValue ?? `模拟公开值 ${toHex(globalThis.crypto.getRandomValues(new Uint8Array(8)))}`;
    await services.rounds.draw(supervisor, round.id, publicValue);
    return await services.rounds.exportRound(round.id);
  } finally {
    clock.now = real;
  }
}
