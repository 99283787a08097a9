/**
 * Lockout after repeated wrong passwords, counted per account (not per address, so spreading
 * guesses over many addresses does not help). Pure: the caller stores the state.
 */
export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60_000;
export const LOCK_MS = 15 * 60_000;

export interface LockoutState {
  failedCount: number;
  failedSince: Date | null;
  lockedUntil: Date | null;
}

/** Whole minutes until the lock ends (at least 1), or 0 when the account is not locked at `now`. */
export function minutesLocked(state: Pick<LockoutState, 'lockedUntil'>, now: Date): number {
  if (!state.lockedUntil || state.lockedUntil.getTime() <= now.getTime()) return 0;
  return Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 60_000));
}

/**
 * The state after one more wrong password. Failures older than the window start a new count;
 * the fifth inside the window locks the account and clears the count.
 */
export function afterFailure(state: LockoutState, now: Date): LockoutState & { locked: boolean } {
  const inWindow = state.failedSince !== null && now.getTime() - state.failedSince.getTime() < FAILURE_WINDOW_MS;
  const failedCount = inWindow ? state.failedCount + 1 : 1;
  const failedSince = inWindow ? state.failedSince : now;
  if (failedCount >= MAX_FAILURES) {
    return { failedCount: 0, failedSince: null, lockedUntil: new Date(now.getTime() + LOCK_MS), locked: true };
  }
  return { failedCount, failedSince, lockedUntil: state.lockedUntil, locked: false };
}

export const CLEARED: LockoutState = Object.freeze({ failedCount: 0, failedSince: null, lockedUntil: null });
