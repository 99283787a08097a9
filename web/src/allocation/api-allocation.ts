/**
 * Client for public resource allocation (issue #8): the public round pages, registration,
 * the applicant's lookup and objections (public, no cookies needed), and the staff's round
 * administration (through `staff`, with the session's CSRF token).
 */
import type { z } from 'zod';
import type {
  applicationDetailSchema,
  applicationSummarySchema,
  EligibilityRule,
  Group,
  lookupResultSchema,
  objectionViewSchema,
  PublicRound,
  RegistrationInput,
  registrationResultSchema,
  RoundInput,
  RoundStatus,
  RoundSummary,
  staffRoundSchema,
} from '../../../src/allocation/allocation.schema.js';
import { request } from '../api.js';
import { csrfHeaders, staff } from '../api-admin.js';

export type { EligibilityRule, Group, PublicRound, RegistrationInput, RoundInput, RoundStatus, RoundSummary };
export type StaffRound = z.infer<typeof staffRoundSchema>;
export type ApplicationSummary = z.infer<typeof applicationSummarySchema>;
export type ApplicationDetail = z.infer<typeof applicationDetailSchema>;
export type RegistrationResult = z.infer<typeof registrationResultSchema>;
export type LookupResult = z.infer<typeof lookupResultSchema>;
export type Objection = z.infer<typeof objectionViewSchema>;

const BASE = '/api/v1/allocation';
const enc = encodeURIComponent;
// a signed-in staff member's session cookie goes along with public forms too: send its CSRF token
const post = <T>(url: string, body: unknown) => request<T>(url, { method: 'POST', body: JSON.stringify(body), headers: csrfHeaders() });

export const publicRounds = (signal?: AbortSignal) => request<{ items: RoundSummary[] }>(`${BASE}/rounds`, { signal }).then((r) => r.items);
export const publicRound = (id: string, signal?: AbortSignal) => request<PublicRound>(`${BASE}/rounds/${enc(id)}`, { signal });
export const exportUrl = (id: string) => `${BASE}/rounds/${enc(id)}/export`;
export const register = (id: string, input: RegistrationInput) => post<RegistrationResult>(`${BASE}/rounds/${enc(id)}/applications`, input);
export const lookup = (id: string, input: { applicationNo: string; idLast4: string }) => post<LookupResult>(`${BASE}/rounds/${enc(id)}/lookup`, input);
export const fileObjection = (id: string, input: { applicationNo: string; idLast4: string; kind: Objection['kind']; text: string }) => post<Objection>(`${BASE}/rounds/${enc(id)}/objections`, input);

export const staffRounds = (signal?: AbortSignal) => staff<{ items: RoundSummary[] }>('GET', '/allocation/admin/rounds', undefined, signal).then((r) => r.items);
export const staffRound = (id: string, signal?: AbortSignal) => staff<StaffRound>('GET', `/allocation/admin/rounds/${enc(id)}`, undefined, signal);
export const createRound = (input: RoundInput) => staff<StaffRound>('POST', '/allocation/admin/rounds', input);
export type RoundStep = 'open' | 'close' | 'publish-list' | 'commit';
export const roundStep = (id: string, step: RoundStep) => staff<StaffRound>('POST', `/allocation/admin/rounds/${enc(id)}/${step}`);
export const drawRound = (id: string, publicValue: string) => staff<StaffRound>('POST', `/allocation/admin/rounds/${enc(id)}/draw`, { publicValue });
export const applications = (id: string, signal?: AbortSignal) => staff<{ items: ApplicationSummary[] }>('GET', `/allocation/admin/rounds/${enc(id)}/applications?limit=1000`, undefined, signal).then((r) => r.items);
export const application = (no: string, signal?: AbortSignal) => staff<ApplicationDetail>('GET', `/allocation/admin/applications/${enc(no)}`, undefined, signal);
export const decide = (no: string, input: { decision: 'qualified' | 'unqualified'; group: string | null; reason: string }) => staff<ApplicationDetail>('POST', `/allocation/admin/applications/${enc(no)}/decision`, input);
export const objections = (id: string, signal?: AbortSignal) => staff<{ items: Objection[] }>('GET', `/allocation/admin/rounds/${enc(id)}/objections`, undefined, signal).then((r) => r.items);
export const decideObjection = (objectionId: number, input: { outcome: 'upheld' | 'dismissed'; reply: string }) => staff<Objection>('POST', `/allocation/admin/objections/${objectionId}/decision`, input);

export const SUGGESTION_LABELS = { qualified: '符合条件', unqualified: '不符合条件', uncertain: '需人工核实' } as const;
export const APPLICATION_STATUS_LABELS = { pending: '待审核', qualified: '合格', unqualified: '不合格' } as const;
export const OBJECTION_KIND_LABELS = { eligibility: '资格审核', result: '抽签结果', other: '其他' } as const;
export const OBJECTION_STATUS_LABELS = { open: '待处理', upheld: '成立', dismissed: '不成立' } as const;

/** Dates are stored in UTC and shown in Asia/Shanghai. */
export function shanghai(iso: string | null): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false }).format(new Date(iso));
}
