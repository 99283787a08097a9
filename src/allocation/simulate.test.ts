import { describe, expect, it } from 'vitest';
import { validateIdCard } from '../prereview/validators/index.js';
import { generateApplicants } from './simulate.js';

describe('simulated applicants', () => {
  // `allocation simulate --applicants 100000` must not stop at a repeated ID number ("不能重复报名")
  it('gives 100,000 applicants 100,000 different valid ID numbers', { timeout: 60_000 }, async () => {
    const people = await generateApplicants('unique', 100_000, [{ name: '优抚对象', quota: 1, description: '' }], new Date('2026-11-28T00:00:00Z'));
    expect(people).toHaveLength(100_000);
    expect(new Set(people.map((p) => p.idNumber)).size).toBe(100_000);
    for (const p of people.slice(0, 200)) expect(validateIdCard(p.idNumber, { today: '2026-11-28' }).valid).toBe(true);
  });
});
