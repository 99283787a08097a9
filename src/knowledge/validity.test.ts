import { describe, expect, it } from 'vitest';
import { covers, effectiveIntervals, todayInShanghai, versionInForce, type VersionValidity } from './validity.js';

const v = (version: number, validFrom: string | null, validTo: string | null, status = 'published'): VersionValidity => ({ version, status, validFrom, validTo });

/** Every day from `from` to `to` inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = new Date(`${from}T00:00:00Z`); d.toISOString().slice(0, 10) <= to; d.setUTCDate(d.getUTCDate() + 1)) out.push(d.toISOString().slice(0, 10));
  return out;
}

describe('covers', () => {
  it('includes both ends of the validity period', () => {
    const p = { validFrom: '2024-01-01', validTo: '2024-12-31' };
    expect(covers(p, '2024-01-01')).toBe(true);
    expect(covers(p, '2024-12-31')).toBe(true);
    expect(covers(p, '2023-12-31')).toBe(false);
    expect(covers(p, '2025-01-01')).toBe(false);
  });
  it('treats missing dates as open ends', () => {
    expect(covers({ validFrom: null, validTo: null }, '1900-01-01')).toBe(true);
    expect(covers({ validFrom: null, validTo: '2020-01-01' }, '2020-01-02')).toBe(false);
    expect(covers({ validFrom: '2020-01-01', validTo: null }, '2999-01-01')).toBe(true);
  });
});

describe('versionInForce', () => {
  it('picks the highest published version covering the date', () => {
    const versions = [v(1, null, null), v(2, '2024-01-01', null), v(3, '2030-01-01', null)];
    expect(versionInForce(versions, '2023-12-31')?.version).toBe(1);
    expect(versionInForce(versions, '2024-01-01')?.version).toBe(2);
    expect(versionInForce(versions, '2030-01-01')?.version).toBe(3);
  });
  it('falls back to an older version when the newer one has expired', () => {
    const versions = [v(1, null, null), v(2, '2024-01-01', '2024-06-30')];
    expect(versionInForce(versions, '2024-07-01')?.version).toBe(1);
  });
  it('ignores drafts', () => {
    expect(versionInForce([v(1, null, null), v(2, null, null, 'draft')], '2024-01-01')?.version).toBe(1);
    expect(versionInForce([v(1, null, null, 'draft')], '2024-01-01')).toBeUndefined();
  });
  it('puts nothing in force when the winning version is retired', () => {
    expect(versionInForce([v(1, null, null), v(2, null, null, 'retired')], '2024-01-01')).toBeUndefined();
    // retirement from a date on: before it the published version still applies
    const versions = [v(1, null, null), v(2, '2025-01-01', null, 'retired')];
    expect(versionInForce(versions, '2024-12-31')?.version).toBe(1);
    expect(versionInForce(versions, '2025-01-01')).toBeUndefined();
  });
  it('does not depend on the order versions are given in', () => {
    expect(versionInForce([v(3, null, null), v(1, null, null), v(2, null, null)], '2024-01-01')?.version).toBe(3);
  });
  it('returns nothing for an empty history or a date outside every period', () => {
    expect(versionInForce([], '2024-01-01')).toBeUndefined();
    expect(versionInForce([v(1, '2024-01-01', '2024-12-31')], '2025-01-01')).toBeUndefined();
  });
});

describe('effectiveIntervals', () => {
  it('gives a single open version an open interval', () => {
    expect(effectiveIntervals([v(1, null, null)])).toEqual(new Map([[1, [{ from: null, to: null }]]]));
  });
  it('ends a version the day before its successor starts, across a month and leap day', () => {
    const m = effectiveIntervals([v(1, '2020-01-01', null), v(2, '2024-03-01', null)]);
    expect(m.get(1)).toEqual([{ from: '2020-01-01', to: '2024-02-29' }]);
    expect(m.get(2)).toEqual([{ from: '2024-03-01', to: null }]);
  });
  it('keeps the earlier end when the version expires before its successor starts', () => {
    const m = effectiveIntervals([v(1, '2020-01-01', '2021-06-30'), v(2, '2022-01-01', null)]);
    expect(m.get(1)).toEqual([{ from: '2020-01-01', to: '2021-06-30' }]);
  });
  it('drops a version replaced from its first day on', () => {
    const m = effectiveIntervals([v(1, '2024-01-01', null), v(2, '2024-01-01', null)]);
    expect(m.has(1)).toBe(false);
    expect(m.get(2)).toEqual([{ from: '2024-01-01', to: null }]);
    expect(effectiveIntervals([v(1, '2024-01-01', null), v(2, null, null)]).has(1)).toBe(false);
  });
  it('lets a retirement cut the published version but gives the retired one no interval', () => {
    const m = effectiveIntervals([v(1, null, null), v(2, '2025-01-01', null, 'retired')]);
    expect(m.get(1)).toEqual([{ from: null, to: '2024-12-31' }]);
    expect(m.has(2)).toBe(false);
  });
  it('ignores drafts entirely', () => {
    const m = effectiveIntervals([v(1, null, null), v(2, '2025-01-01', null, 'draft')]);
    expect(m.get(1)).toEqual([{ from: null, to: null }]);
    expect(m.has(2)).toBe(false);
  });
  it('splits a version around a temporary amendment in the middle of its validity', () => {
    const m = effectiveIntervals([v(1, null, null), v(2, '2021-01-01', '2021-12-31')]);
    expect(m.get(1)).toEqual([
      { from: null, to: '2020-12-31' },
      { from: '2022-01-01', to: null },
    ]);
    expect(m.get(2)).toEqual([{ from: '2021-01-01', to: '2021-12-31' }]);
  });
  it('omits a version whose successor starts before it does and never lets it begin', () => {
    expect(effectiveIntervals([v(1, '2024-06-01', '2024-12-31'), v(2, '2024-01-01', null)]).has(1)).toBe(false);
  });

  it.each([
    ['successive amendments', [v(1, null, null), v(2, '2021-01-01', null), v(3, '2023-07-01', null)]],
    ['expiry then a gap then a new version', [v(1, '2020-01-01', '2020-12-31'), v(2, '2022-01-01', null)]],
    ['retired from a date', [v(1, '2020-01-01', null), v(2, '2023-01-01', null), v(3, '2024-01-01', null, 'retired')]],
    ['pending draft', [v(1, '2020-01-01', null), v(2, '2023-01-01', null, 'draft')]],
    ['replacement backdated before the original', [v(1, '2022-01-01', null), v(2, '2021-01-01', null)]],
    ['temporary amendment inside an open version', [v(1, null, null), v(2, '2021-01-01', '2021-12-31')]],
    ['temporary amendment from the same first day', [v(1, '2020-01-01', null), v(2, '2020-01-01', '2020-12-31')]],
    ['temporary retirement', [v(1, null, null), v(2, '2022-03-01', '2022-05-31', 'retired')]],
  ])('agrees with versionInForce on every day (%s)', (_name, versions) => {
    const intervals = effectiveIntervals(versions);
    for (const date of days('2019-12-25', '2024-03-05')) {
      const expected = versionInForce(versions, date)?.version;
      const covering = [...intervals]
        .filter(([, list]) => list.some((i) => covers({ validFrom: i.from, validTo: i.to }, date)))
        .map(([n]) => n);
      expect(covering, date).toEqual(expected === undefined ? [] : [expected]);
    }
  });
});

describe('todayInShanghai', () => {
  it('uses the Shanghai calendar day, not UTC', () => {
    expect(todayInShanghai(new Date('2024-12-31T16:00:00Z'))).toBe('2025-01-01');
    expect(todayInShanghai(new Date('2024-12-31T15:59:59Z'))).toBe('2024-12-31');
  });
});
