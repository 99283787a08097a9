import { describe, expect, it } from 'vitest';
import { afterFailure, CLEARED, FAILURE_WINDOW_MS, LOCK_MS, MAX_FAILURES, minutesLocked, type LockoutState } from './lockout.js';

const t0 = new Date('2026-11-28T08:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

function fail(times: number, stepMs: number, from: LockoutState = CLEARED) {
  let s: LockoutState & { locked?: boolean } = from;
  for (let i = 0; i < times; i++) s = afterFailure(s, at(i * stepMs));
  return s;
}

describe('lockout', () => {
  it('locks on the fifth failure inside 15 minutes, for 15 minutes', () => {
    const four = fail(MAX_FAILURES - 1, 60_000);
    expect(four).toMatchObject({ failedCount: 4, locked: false, lockedUntil: null });
    const fifth = afterFailure(four, at(4 * 60_000));
    expect(fifth.locked).toBe(true);
    expect(fifth.lockedUntil!.getTime()).toBe(at(4 * 60_000).getTime() + LOCK_MS);
    expect(fifth.failedCount).toBe(0);
  });

  it('starts a new count when the earlier failures are older than the window', () => {
    const four = fail(4, 1000);
    const late = afterFailure(four, at(FAILURE_WINDOW_MS + 1));
    expect(late).toMatchObject({ failedCount: 1, locked: false });
  });

  it('does not lock for five failures spread over more than the window', () => {
    const s = fail(5, FAILURE_WINDOW_MS / 4 + 1000);
    expect(s.locked).toBe(false);
  });

  it('reports whole minutes left, rounding up, and 0 once the lock has passed', () => {
    const lockedUntil = at(LOCK_MS);
    expect(minutesLocked({ lockedUntil }, t0)).toBe(15);
    expect(minutesLocked({ lockedUntil }, at(LOCK_MS - 61_000))).toBe(2);
    expect(minutesLocked({ lockedUntil }, at(LOCK_MS - 1))).toBe(1);
    expect(minutesLocked({ lockedUntil }, at(LOCK_MS))).toBe(0);
    expect(minutesLocked({ lockedUntil: null }, t0)).toBe(0);
  });
});
