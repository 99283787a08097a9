/**
 * 数据看板 (/hotline/dashboard): categories over time, SLA compliance by department,
 * satisfaction, and the hot spots (clusters of similar orders by text, place and time) with
 * their counts and trend. Charts by recharts, loaded only with this page.
 */
import { Card, Empty, List, Segmented, Statistic, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, LabelList, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { AdminPage, LoadedView } from '../components/AdminPage.js';
import { useLoad } from '../use-load.js';
import * as api from './api-hotline.js';
import { CHANNEL, SATISFACTION, statusLabel } from './labels.js';
import { orderLink } from './OrderList.js';

const RANGES = { 7: '近 7 天', 30: '近 30 天', 90: '近 90 天' } as const;
type Range = keyof typeof RANGES;
const COLORS = ['#1d4f91', '#d4380d', '#389e0d', '#d48806', '#531dab', '#08979c', '#c41d7f', '#8c8c8c'];
const TOP_CATEGORIES = 7;

/** First-level class of a taxonomy path: '城乡建设/物业管理/停车' → '城乡建设'. */
const firstLevel = (path: string) => path.split('/')[0] || path;

/** Rows of {period, <category>: count} for the top classes; the rest add up under 其他. */
function categorySeries(rows: api.Stats['byCategoryOverTime']): { data: Record<string, string | number>[]; keys: string[] } {
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(firstLevel(r.category), (totals.get(firstLevel(r.category)) ?? 0) + r.count);
  const top = [...totals.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP_CATEGORIES).map(([k]) => k);
  const byPeriod = new Map<string, Record<string, string | number>>();
  let other = false;
  for (const r of rows) {
    const row = byPeriod.get(r.period) ?? { period: r.period };
    const key = top.includes(firstLevel(r.category)) ? firstLevel(r.category) : '其他';
    other ||= key === '其他';
    row[key] = ((row[key] as number | undefined) ?? 0) + r.count;
    byPeriod.set(r.period, row);
  }
  const data = [...byPeriod.values()].sort((a, b) => String(a.period).localeCompare(String(b.period)));
  return { data, keys: other ? [...top, '其他'] : top };
}

/** Departments with orders that fell due, worst first: the ones a supervisor looks at. */
function slaRows(rows: api.Stats['slaByDepartment']) {
  return rows
    .filter((r) => r.due > 0 && r.rate !== null)
    .map((r) => ({ name: r.departmentName, rate: Math.round((r.rate ?? 0) * 1000) / 10, due: r.due, onTime: r.onTime, openOverdue: r.openOverdue }))
    .sort((a, b) => a.rate - b.rate);
}

/** Start of the range: `days` back from now, as the ISO time the API takes. */
const since = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

function Figures({ s }: { s: api.Stats }) {
  const open = s.byStatus.filter((r) => !['closed', 'merged'].includes(r.status)).reduce((n, r) => n + r.count, 0);
  const overdue = s.slaByDepartment.reduce((n, r) => n + r.openOverdue, 0);
  return (
    <Card size="small" className="hotline-chart wide" data-testid="figures">
      <div className="hotline-figures">
        <Statistic title="受理总量" value={s.total} suffix="件" />
        <Statistic title="在办" value={open} suffix="件" />
        <Statistic title="超期未办结" value={overdue} suffix="件" styles={{ content: overdue ? { color: '#cf1322' } : undefined }} />
        <Statistic title="满意度" value={s.satisfaction.average === null ? '—' : s.satisfaction.average.toFixed(2)} suffix={s.satisfaction.average === null ? undefined : '/ 5'} />
        <div className="hotline-figure-list">
          <div className="muted">按渠道</div>
          {s.byChannel.length ? s.byChannel.map((c) => <div key={c.channel}>{CHANNEL[c.channel as api.Channel] ?? c.channel} {c.count} 件</div>) : '—'}
        </div>
        <div className="hotline-figure-list">
          <div className="muted">按状态</div>
          {s.byStatus.length ? s.byStatus.map((c) => <div key={c.status}>{statusLabel(c.status)} {c.count} 件</div>) : '—'}
        </div>
      </div>
    </Card>
  );
}

export default function DashboardPage() {
  const [days, setDays] = useState<Range>(30);
  const [stats, reloadStats] = useLoad((signal) => api.getStats({ from: since(days) }, signal), `stats:${days}`);
  const [spots, reloadSpots] = useLoad((signal) => api.getHotspots({ days, window: days <= 14 ? 'day' : 'week' }, signal), `spots:${days}`);
  useEffect(() => {
    document.title = '热线数据看板 - 小政工作台';
  }, []);
  return (
    <AdminPage
      title="热线数据看板"
      actions={<Segmented value={days} onChange={(v) => setDays(v as Range)} options={(Object.keys(RANGES).map(Number) as Range[]).map((d) => ({ value: d, label: RANGES[d] }))} />}
    >
      <div className="hotline-dashboard">
        <LoadedView state={stats} onRetry={reloadStats}>
          {(s) => {
            const cat = categorySeries(s.byCategoryOverTime);
            const sla = slaRows(s.slaByDepartment);
            const sat = s.satisfaction;
            const distribution = [1, 2, 3, 4, 5].map((score) => ({ score, label: `${score} 分`, count: sat.distribution.find((r) => r.score === score)?.count ?? 0 }));
            return (
              <>
                <Figures s={s} />
                <Card size="small" title={`诉求分类趋势（按${s.period === 'day' ? '日' : '周'}）`} className="hotline-chart wide" data-testid="chart-categories">
                  {cat.data.length ? (
                    <ResponsiveContainer width="100%" height={300}>
                      <BarChart data={cat.data}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="period" />
                        <YAxis allowDecimals={false} />
                        <Tooltip />
                        <Legend />
                        {cat.keys.map((k, i) => (
                          <Bar key={k} dataKey={k} stackId="c" fill={COLORS[i % COLORS.length]} maxBarSize={64} />
                        ))}
                      </BarChart>
                    </ResponsiveContainer>
                  ) : (
                    <Empty description="所选时间内没有工单" />
                  )}
                </Card>
                <Card size="small" title="各承办单位按时办结率" className="hotline-chart" data-testid="chart-sla">
                  {sla.length ? (
                    <ResponsiveContainer width="100%" height={Math.max(200, sla.length * 36)}>
                      <BarChart data={sla} layout="vertical" margin={{ left: 24 }}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis type="number" domain={[0, 100]} unit="%" />
                        <YAxis type="category" dataKey="name" width={150} />
                        <Tooltip formatter={(v, _n, p) => [`${String(v)}%（${(p.payload as { onTime: number }).onTime}/${(p.payload as { due: number }).due} 件按时）`, '按时率']} />
                        <Bar dataKey="rate" fill="#1d4f91" name="按时率" maxBarSize={36}>
                          <LabelList dataKey="rate" position="insideRight" fill="#fff" formatter={(v) => `${String(v)}%`} />
                        </Bar>
                      </BarChart>
                    </ResponsiveContainer>
                  ) : (
                    <Empty description="所选时间内没有到期的工单" />
                  )}
                </Card>
                <Card size="small" title="群众满意度" className="hotline-chart" data-testid="chart-satisfaction">
                  <Statistic title={`平均分（${sat.count} 次回访）`} value={sat.average === null ? '—' : sat.average.toFixed(2)} suffix={sat.average === null ? undefined : '/ 5'} />
                  {sat.count === 0 ? (
                    <Empty description="所选时间内没有回访记录" />
                  ) : (
                    <ResponsiveContainer width="100%" height={200}>
                      <BarChart data={distribution}>
                        <CartesianGrid strokeDasharray="3 3" />
                        <XAxis dataKey="label" />
                        <YAxis allowDecimals={false} />
                        <Tooltip formatter={(v, _n, p) => [`${String(v)} 次`, SATISFACTION[(p.payload as { score: number }).score] ?? '']} />
                        <Bar dataKey="count" fill="#389e0d" name="次数" />
                      </BarChart>
                    </ResponsiveContainer>
                  )}
                  {sat.byDepartment.length > 0 && (
                    <ul className="hotline-sat-departments">
                      {sat.byDepartment.map((d) => (
                        <li key={d.departmentId}>
                          {d.departmentName}：{d.average.toFixed(2)} 分（{d.count} 次）
                        </li>
                      ))}
                    </ul>
                  )}
                </Card>
              </>
            );
          }}
        </LoadedView>
        <Card size="small" title="热点诉求" className="hotline-chart wide" data-testid="hotspots">
          <LoadedView state={spots} onRetry={reloadSpots}>
            {(items) => (
              <List
                dataSource={[...items].sort((a, b) => b.count - a.count)}
                locale={{ emptyText: '所选时间内没有成批的相似诉求' }}
                renderItem={(h) => <HotspotRow h={h} />}
              />
            )}
          </LoadedView>
        </Card>
      </div>
    </AdminPage>
  );
}

function HotspotRow({ h }: { h: api.Hotspot }) {
  const last = h.trend.at(-1)?.count ?? 0;
  const before = h.trend.at(-2)?.count ?? 0;
  const rising = last > before;
  return (
    <List.Item className="hotline-hotspot" data-testid="hotspot">
      <div className="hotline-hotspot-main">
        <div>
          <strong>{h.label}</strong> <Tag color="red">{h.count} 件</Tag>
          {h.trend.length > 1 && <Tag color={rising ? 'volcano' : 'default'}>{rising ? `上升（${before}→${last}）` : `${before}→${last}`}</Tag>}
        </div>
        <div className="muted">
          {[h.place, h.category].filter(Boolean).join(' · ')}
          {h.keywords.length > 0 && ` · 关键词：${h.keywords.join('、')}`}
        </div>
        {h.orderIds.length > 0 && (
          <div className="hotline-hotspot-orders">
            {h.orderIds.slice(0, 5).map((id) => (
              <span key={id}>{orderLink(id)}</span>
            ))}
            {h.orderIds.length > 5 && <span className="muted">等 {h.orderIds.length} 件</span>}
          </div>
        )}
      </div>
      {h.trend.length > 1 && (
        <div className="hotline-sparkline" aria-label={`趋势：${h.trend.map((t) => `${t.period} ${t.count} 件`).join('，')}`}>
          <ResponsiveContainer width="100%" height={48}>
            <LineChart data={h.trend}>
              <Line type="monotone" dataKey="count" stroke="#d4380d" dot={false} strokeWidth={2} isAnimationActive={false} />
              <Tooltip formatter={(v) => [`${String(v)} 件`, '']} labelFormatter={(_l, p) => String((p[0]?.payload as { period?: string } | undefined)?.period ?? '')} />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </List.Item>
  );
}
