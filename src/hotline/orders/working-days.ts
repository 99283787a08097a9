/**
 * Working days and working hours on the State Council holiday calendar with 调休 (weekend
 * days that become working days), in Asia/Shanghai. The calendar comes from the maintained
 * `chinese-days` package; an override file (XZ_HOLIDAYS_FILE, JSON `{holidays: [dates],
 * workdays: [dates]}`) wins over it, so next year's calendar — published each November — or
 * a local extra holiday can be added without a release. The file is re-read when it changes.
 */
import fs from 'node:fs';
import chineseDays from 'chinese-days';
import { z } from 'zod';

/** Office hours for deadlines counted in working hours (签收). */
export const WORK_DAY_START_MINUTE = 9 * 60;
export const WORK_DAY_END_MINUTE = 17 * 60;
const SHANGHAI_OFFSET_MS = 8 * 3600_000;
const DAY_MS = 86_400_000;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD');
export const calendarOverrideSchema = z.object({ holidays: z.array(isoDate).default([]), workdays: z.array(isoDate).default([]) });
export type CalendarOverride = z.infer<typeof calendarOverrideSchema>;

export class WorkCalendar {
  private holidays = new Set<string>();
  private workdays = new Set<string>();
  private loadedMtime = -1;

  /** Throws at start when the override file is unreadable or malformed (fail fast, naming the file). */
  constructor(private readonly overrideFile?: string) {
    if (overrideFile) this.reload(true);
  }

  private reload(strict: boolean): void {
    const file = this.overrideFile!;
    let mtime: number;
    try {
      mtime = fs.statSync(file).mtimeMs;
    } catch (err) {
      if (strict) throw new Error(`XZ_HOLIDAYS_FILE ${file}: ${(err as Error).message}`);
      return;
    }
    if (mtime === this.loadedMtime) return;
    try {
      const parsed = calendarOverrideSchema.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
      this.holidays = new Set(parsed.holidays);
      this.workdays = new Set(parsed.workdays);
      this.loadedMtime = mtime;
    } catch (err) {
      const msg = err instanceof z.ZodError ? err.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : (err as Error).message;
      if (strict) throw new Error(`XZ_HOLIDAYS_FILE ${file}: ${msg}`);
      // an edit half-saved or mistyped while running: keep the calendar that was valid
      console.error(`holiday override ${file} ignored: ${msg}`);
      this.loadedMtime = mtime;
    }
  }

  /** `date` as YYYY-MM-DD (a day of the Shanghai calendar). */
  isWorkday(date: string): boolean {
    if (this.overrideFile) this.reload(false);
    if (this.workdays.has(date)) return true;
    if (this.holidays.has(date)) return false;
    return chineseDays.isWorkday(date);
  }

  /**
   * End (24:00 Shanghai) of the `days`-th working day after the day of `from`; the day of
   * `from` itself does not count, as with time limits "within N working days of dispatch".
   */
  addWorkingDays(from: Date, days: number): Date {
    let day = shanghaiDay(from);
    for (let left = days; left > 0; ) {
      day = nextDay(day);
      if (this.isWorkday(day)) left--;
    }
    return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS + DAY_MS);
  }

  /** `hours` of office time (9:00–17:00 on working days) from `from`. */
  addWorkingHours(from: Date, hours: number): Date {
    let day = shanghaiDay(from);
    let minute = Math.ceil((from.getTime() + SHANGHAI_OFFSET_MS - Date.parse(`${day}T00:00:00.000Z`)) / 60_000);
    let left = Math.round(hours * 60);
    for (;;) {
      if (!this.isWorkday(day) || minute >= WORK_DAY_END_MINUTE) {
        day = nextDay(day);
        minute = WORK_DAY_START_MINUTE;
        continue;
      }
      minute = Math.max(minute, WORK_DAY_START_MINUTE);
      const room = WORK_DAY_END_MINUTE - minute;
      if (left <= room) return new Date(Date.parse(`${day}T00:00:00.000Z`) - SHANGHAI_OFFSET_MS + (minute + left) * 60_000);
      left -= room;
      minute = WORK_DAY_END_MINUTE;
    }
  }
}

/** The Shanghai calendar day of an instant, YYYY-MM-DD. */
export function shanghaiDay(at: Date): string {
  return new Date(at.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS).toISOString().slice(0, 10);
}
