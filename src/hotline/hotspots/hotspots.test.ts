import { describe, expect, it } from 'vitest';
import { extractLocation } from '../intake/location.js';
import { orderTerms } from '../intake/similarity.js';
import { findHotspots } from './hotspots.js';
import { computeStats } from './stats.js';

const to = new Date('2026-03-29T16:00:00Z');
const at = (daysAgo: number) => new Date(to.getTime() - daysAgo * 86400_000 + 60_000).toISOString();
let n = 0;
const order = (title: string, text: string, daysAgo: number) => ({
  id: `H${++n}`,
  createdAt: at(daysAgo),
  category: '城乡建设/物业管理',
  divisionCode: null,
  location: extractLocation(`${title}。${text}`),
  terms: orderTerms(title, text),
});

describe('hot spots', () => {
  it('groups one matter at one place, with the busiest period in the label and a trend', () => {
    const orders = [
      ...[1, 2, 3, 10].map((d) => order('A3区枫林小区停车收费太高', `A3区枫林小区物业停车收费每月600元，太高了（${d}）。`, d)),
      order('A5区枫林小区停车收费太高', 'A5区枫林小区物业停车收费每月600元。', 2),
      order('A3区学校门口交通拥堵', 'A3区实验小学门口上学时间交通拥堵。', 2),
    ];
    const spots = findHotspots(orders, { from: new Date(to.getTime() - 14 * 86400_000), to, periodDays: 7 });
    expect(spots).toHaveLength(1);
    expect(spots[0]).toMatchObject({ count: 4, place: 'A3区 枫林小区', category: '城乡建设/物业管理' });
    expect(spots[0]!.trend).toEqual([
      { period: '2026-03-16', count: 1 },
      { period: '2026-03-23', count: 3 },
    ]);
    expect(spots[0]!.label).toMatch(/^A3区 枫林小区 .*停车.* 3 件\/周$/);
    expect(spots[0]!.orderIds).toHaveLength(4);
  });
});

describe('dashboard stats', () => {
  it('counts SLA compliance by department: on time, late, and open past due', () => {
    const base = { status: 'closed', channel: 'phone', category: '民政/救助', satisfaction: null, overdueAt: null };
    const s = computeStats(
      [
        { ...base, createdAt: '2026-03-02T01:00:00Z', departmentId: 1, dueAt: '2026-03-09T00:00:00Z', repliedAt: '2026-03-05T00:00:00Z', satisfaction: 4 },
        { ...base, createdAt: '2026-03-02T01:00:00Z', departmentId: 1, dueAt: '2026-03-09T00:00:00Z', repliedAt: '2026-03-05T00:00:00Z', overdueAt: '2026-03-04T00:00:00Z' },
        { ...base, status: 'handling', createdAt: '2026-03-03T01:00:00Z', departmentId: 2, dueAt: '2026-03-20T00:00:00Z', repliedAt: null },
        { ...base, status: 'merged', createdAt: '2026-03-03T01:00:00Z', departmentId: 2, dueAt: '2026-03-04T00:00:00Z', repliedAt: null },
      ],
      { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-03-31T00:00:00Z'), now: new Date('2026-03-10T00:00:00Z') },
      new Map([[1, '民政局'], [2, '教育局']]),
    );
    expect(s.total).toBe(3);
    expect(s.slaByDepartment).toEqual([{ departmentId: 1, departmentName: '民政局', due: 2, onTime: 1, late: 1, openOverdue: 0, rate: 0.5 }, { departmentId: 2, departmentName: '教育局', due: 0, onTime: 0, late: 0, openOverdue: 0, rate: null }]);
    expect(s.satisfaction.average).toBe(4);
    expect(s.byStatus).toEqual([{ status: 'closed', count: 2 }, { status: 'handling', count: 1 }, { status: 'merged', count: 1 }]);
  });
});
