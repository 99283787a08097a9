import { describe, expect, it } from 'vitest';
import { DEFAULT_OFFICE_HOURS, describeOfficeHours, isOpen, parseOfficeHours } from './handoff.hours.js';

// 2026-11-30 is a Monday; Shanghai is UTC+8
const shanghai = (s: string) => new Date(`${s}+08:00`);

describe('office hours', () => {
  const hours = parseOfficeHours(DEFAULT_OFFICE_HOURS);

  it('is open on weekday mornings and afternoons, closed at lunch, evenings and weekends', () => {
    expect(isOpen(hours, shanghai('2026-11-30T09:00:00'))).toBe(true);
    expect(isOpen(hours, shanghai('2026-11-30T11:59:00'))).toBe(true);
    expect(isOpen(hours, shanghai('2026-11-30T12:00:00'))).toBe(false);
    expect(isOpen(hours, shanghai('2026-11-30T13:29:00'))).toBe(false);
    expect(isOpen(hours, shanghai('2026-11-30T13:30:00'))).toBe(true);
    expect(isOpen(hours, shanghai('2026-12-04T17:29:00'))).toBe(true);
    expect(isOpen(hours, shanghai('2026-12-04T17:30:00'))).toBe(false);
    expect(isOpen(hours, shanghai('2026-12-05T10:00:00'))).toBe(false);
    expect(isOpen(hours, shanghai('2026-12-06T10:00:00'))).toBe(false);
    expect(isOpen(hours, shanghai('2026-11-30T08:59:00'))).toBe(false);
  });

  it('judges by Shanghai time whatever the server clock says', () => {
    // 01:30 UTC on Monday is 09:30 in Shanghai
    expect(isOpen(hours, new Date('2026-11-30T01:30:00Z'))).toBe(true);
    // 16:00 UTC on Sunday is 00:00 Monday in Shanghai
    expect(isOpen(hours, new Date('2026-11-29T16:00:00Z'))).toBe(false);
  });

  it('describes the hours in Chinese', () => {
    expect(describeOfficeHours(hours)).toBe('周一至周五 9:00–12:00、13:30–17:30');
    expect(describeOfficeHours(parseOfficeHours('1-5 08:30-18:00; 6 09:00-12:00'))).toBe('周一至周五 8:30–18:00；周六 9:00–12:00');
    expect(describeOfficeHours(parseOfficeHours('always'))).toBe('全天 24 小时');
  });

  it('supports always and never', () => {
    expect(isOpen(parseOfficeHours('always'), shanghai('2026-12-06T03:00:00'))).toBe(true);
    expect(isOpen(parseOfficeHours('never'), shanghai('2026-11-30T10:00:00'))).toBe(false);
  });

  it.each(['', '8 09:00-12:00', '1-5 9-12', '1-5 12:00-09:00', '5-1 09:00-12:00', '1-5 25:00-26:00'])('rejects %j naming the problem', (spec) => {
    expect(() => parseOfficeHours(spec)).toThrow(/.+/);
  });
});
