/**
 * Office hours of the live agents (XZ_OFFICE_HOURS), in Asia/Shanghai time.
 *
 * Format: groups separated by `;`, each `<days> <ranges>` where days are ISO weekdays
 * (1 = Monday … 7 = Sunday) as a list or range (`1-5`, `6,7`) and ranges are `HH:MM-HH:MM`
 * separated by `,`. `always` means around the clock, `never` means no live agents (every
 * handoff offers a callback request). Public holidays are not modelled.
 */
export interface OfficeHours {
  /** minutes since midnight, [start, end), per ISO weekday 1..7 */
  slots: Map<number, Array<[number, number]>>;
  /** the configuration string, for messages */
  spec: string;
}

export const DEFAULT_OFFICE_HOURS = '1-5 09:00-12:00,13:30-17:30';

const DAY_NAMES = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function parseDays(s: string): number[] {
  const days = new Set<number>();
  for (const part of s.split(',')) {
    const m = /^([1-7])(?:-([1-7]))?$/.exec(part.trim());
    if (!m) throw new Error(`weekday "${part}" must be 1-7 (Monday = 1) or a range like 1-5`);
    const from = Number(m[1]);
    const to = Number(m[2] ?? m[1]);
    if (to < from) throw new Error(`weekday range "${part}" runs backwards`);
    for (let d = from; d <= to; d++) days.add(d);
  }
  return [...days];
}

function parseClock(s: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(s.trim());
  if (!m || Number(m[1]) > 24 || Number(m[2]) > 59 || (Number(m[1]) === 24 && m[2] !== '00')) throw new Error(`time "${s}" must be HH:MM`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** Throws an Error naming the bad part; env.ts turns it into a boot failure naming the variable. */
export function parseOfficeHours(spec: string): OfficeHours {
  const slots = new Map<number, Array<[number, number]>>();
  const trimmed = spec.trim();
  if (trimmed === 'always') {
    for (let d = 1; d <= 7; d++) slots.set(d, [[0, 24 * 60]]);
    return { slots, spec: trimmed };
  }
  if (trimmed === 'never') return { slots, spec: trimmed };
  for (const group of trimmed.split(';').map((g) => g.trim()).filter(Boolean)) {
    const m = /^(\S+)\s+(.+)$/.exec(group);
    if (!m) throw new Error(`"${group}" must look like "1-5 09:00-12:00,13:30-17:30"`);
    const ranges = m[2]!.split(',').map((r) => {
      const [a, b, ...rest] = r.split('-');
      if (b === undefined || rest.length) throw new Error(`time range "${r}" must be HH:MM-HH:MM`);
      const start = parseClock(a!);
      const end = parseClock(b);
      if (end <= start) throw new Error(`time range "${r}" must end after it starts`);
      return [start, end] as [number, number];
    });
    for (const d of parseDays(m[1]!)) slots.set(d, [...(slots.get(d) ?? []), ...ranges].sort((x, y) => x[0] - y[0]));
  }
  if (slots.size === 0) throw new Error('no office hours given (use "never" for none)');
  return { slots, spec: trimmed };
}

const shanghai = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function isOpen(hours: OfficeHours, at: Date): boolean {
  const parts = Object.fromEntries(shanghai.formatToParts(at).map((p) => [p.type, p.value]));
  const day = WEEKDAYS[parts.weekday!]!;
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  return (hours.slots.get(day) ?? []).some(([s, e]) => minute >= s && minute < e);
}

const clock = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;

/** Chinese description for citizens, e.g. "周一至周五 9:00–12:00、13:30–17:30". */
export function describeOfficeHours(hours: OfficeHours): string {
  if (hours.slots.size === 0) return '暂无人工服务时间';
  if (hours.slots.size === 7 && [...hours.slots.values()].every((r) => r.length === 1 && r[0]![0] === 0 && r[0]![1] === 24 * 60)) return '全天 24 小时';
  // group consecutive weekdays with identical ranges
  const key = (d: number) => (hours.slots.get(d) ?? []).map(([s, e]) => `${clock(s)}–${clock(e)}`).join('、');
  const parts: string[] = [];
  let d = 1;
  while (d <= 7) {
    const k = key(d);
    if (!k) {
      d++;
      continue;
    }
    let end = d;
    while (end < 7 && key(end + 1) === k) end++;
    parts.push(`${end > d ? `${DAY_NAMES[d]}至${DAY_NAMES[end]}` : DAY_NAMES[d]} ${k}`);
    d = end + 1;
  }
  return parts.join('；');
}
