import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WorkCalendar } from './working-days.js';

/** An instant given in Shanghai time. */
const sh = (local: string) => new Date(`${local}+08:00`);
const dirs: string[] = [];
function overrideFile(body: unknown): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xz-holidays-'));
  dirs.push(dir);
  const file = path.join(dir, 'holidays.json');
  fs.writeFileSync(file, JSON.stringify(body));
  return file;
}
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('working days on the official calendar', () => {
  const cal = new WorkCalendar();

  it('a deadline across 国庆 2026 skips the holiday week and counts the 调休 Saturday 10-10', () => {
    // dispatched Wednesday 30 September: 10-01..10-07 are holidays, Thu 10-08 and Fri 10-09 work, Sat 10-10 is a 调休 working day
    expect(cal.addWorkingDays(sh('2026-09-30T10:00:00'), 3).toISOString()).toBe(sh('2026-10-11T00:00:00').toISOString());
    expect(cal.addWorkingDays(sh('2026-09-30T10:00:00'), 1).toISOString()).toBe(sh('2026-10-09T00:00:00').toISOString());
    // Sunday 10-11 is a rest day again: the fourth working day is Monday 10-12
    expect(cal.addWorkingDays(sh('2026-09-30T10:00:00'), 4).toISOString()).toBe(sh('2026-10-13T00:00:00').toISOString());
  });

  it('the 调休 Sunday before 国庆 (2026-09-20) is a working day, an ordinary Sunday is not', () => {
    expect(cal.isWorkday('2026-09-20')).toBe(true);
    expect(cal.isWorkday('2026-09-13')).toBe(false);
    expect(cal.isWorkday('2026-10-05')).toBe(false);
    // Saturday 19 September → the next working day is the 调休 Sunday
    expect(cal.addWorkingDays(sh('2026-09-19T11:00:00'), 1).toISOString()).toBe(sh('2026-09-21T00:00:00').toISOString());
  });

  it('working hours run 9:00–17:00 and carry over the night, the weekend and holidays', () => {
    expect(cal.addWorkingHours(sh('2026-11-27T10:00:00'), 2).toISOString()).toBe(sh('2026-11-27T12:00:00').toISOString());
    // Friday 16:00 + 2 h: one hour on Friday, one on Monday
    expect(cal.addWorkingHours(sh('2026-11-27T16:00:00'), 2).toISOString()).toBe(sh('2026-11-30T10:00:00').toISOString());
    // a call at night waits for the office to open
    expect(cal.addWorkingHours(sh('2026-11-25T22:30:00'), 2).toISOString()).toBe(sh('2026-11-26T11:00:00').toISOString());
    // on the eve of 国庆: the next office hours are on 10-08
    expect(cal.addWorkingHours(sh('2026-09-30T16:30:00'), 2).toISOString()).toBe(sh('2026-10-08T10:30:00').toISOString());
  });

  it('an override file wins over the package and is re-read when it changes', () => {
    const file = overrideFile({ holidays: ['2026-11-30'], workdays: ['2026-11-29'] });
    const local = new WorkCalendar(file);
    expect(local.isWorkday('2026-11-30')).toBe(false);
    expect(local.isWorkday('2026-11-29')).toBe(true);
    expect(cal.isWorkday('2026-11-30')).toBe(true);
    fs.writeFileSync(file, JSON.stringify({ holidays: [], workdays: [] }));
    fs.utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(local.isWorkday('2026-11-30')).toBe(true);
  });

  it('a malformed override file stops the start naming the file and the entry', () => {
    const file = overrideFile({ holidays: ['2026/10/01'] });
    expect(() => new WorkCalendar(file)).toThrow(/XZ_HOLIDAYS_FILE .*holidays\.0/);
  });
});
