/** The time the accounts services act at; tests replace `now` instead of sleeping. */
export interface Clock {
  now(): Date;
}

export function systemClock(): Clock {
  return { now: () => new Date() };
}
