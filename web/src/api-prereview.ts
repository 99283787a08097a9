/**
 * Client for material pre-review: the public validators, the citizen's submission and status
 * (application number + token), and the staff side (queue, detail, decision, rules). Types
 * come from the server's zod schemas (type-only imports).
 */
import type { z } from 'zod';
import type {
  citizenStatusSchema,
  decisionInputSchema,
  queueResponseSchema,
  reviewerDetailSchema,
  ruleSetSchema,
  submitResponseSchema,
} from '../../src/prereview/prereview.schema.js';
import type { ApplicationStatus, Report, Rule, RuleResult, RuleStatus } from '../../src/prereview/prereview.schema.js';
import type { idCardResultSchema, phoneResultSchema, usccResultSchema } from '../../src/prereview/validate.schema.js';
import { request } from './api.js';
import { csrfHeaders, staff } from './api-admin.js';

export type { ApplicationStatus, Report, Rule, RuleResult, RuleStatus };
export type CitizenStatus = z.infer<typeof citizenStatusSchema>;
export type SubmitResponse = z.infer<typeof submitResponseSchema>;
export type QueuePage = z.infer<typeof queueResponseSchema>;
export type QueueItem = QueuePage['items'][number];
export type ReviewerDetail = z.infer<typeof reviewerDetailSchema>;
export type RuleSet = z.infer<typeof ruleSetSchema>;
export type Decision = z.infer<typeof decisionInputSchema>['decision'];
export type IdCardResult = z.infer<typeof idCardResultSchema>;
export type UsccResult = z.infer<typeof usccResultSchema>;
export type PhoneResult = z.infer<typeof phoneResultSchema>;

const BASE = '/api/v1';

type Validator = 'idcard' | 'uscc' | 'phone';
type ValidatorResult<V extends Validator> = V extends 'idcard' ? IdCardResult : V extends 'uscc' ? UsccResult : PhoneResult;

/** POST /validate/idcard|uscc|phone: `{valid, reason?, info?}`. */
export function validateValue<V extends Validator>(kind: V, value: string, signal?: AbortSignal): Promise<ValidatorResult<V>> {
  return request(`${BASE}/validate/${kind}`, { method: 'POST', body: JSON.stringify({ value }), headers: csrfHeaders(), signal });
}

/** One uploaded file, named as it should appear in the report. */
export interface UploadFile {
  name: string;
  file: Blob;
}

function multipart(fields: Record<string, string>, files: UploadFile[]): FormData {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of files) body.append('files', f.file, f.name);
  return body;
}

/** A new application: the report, the application number and the token (shown once). */
export function submitApplication(itemId: string, form: Record<string, string>, files: UploadFile[]): Promise<SubmitResponse> {
  return request(`${BASE}/prereview/applications`, { method: 'POST', body: multipart({ itemId, form: JSON.stringify(form) }, files), headers: csrfHeaders() });
}

/** 补正: the whole form and set of files again, checked as a new revision. */
export function resubmitApplication(id: string, token: string, form: Record<string, string>, files: UploadFile[]): Promise<CitizenStatus> {
  return request(`${BASE}/prereview/applications/${encodeURIComponent(id)}/revisions`, {
    method: 'POST',
    body: multipart({ form: JSON.stringify(form) }, files),
    headers: { ...csrfHeaders(), 'x-application-token': token },
  });
}

export function getApplicationStatus(id: string, token: string, signal?: AbortSignal): Promise<CitizenStatus> {
  return request(`${BASE}/prereview/applications/${encodeURIComponent(id)}/status`, { headers: { 'x-application-token': token }, signal });
}

// staff
export const getQueue = (status: ApplicationStatus, page: { limit: number; offset: number }, signal?: AbortSignal) =>
  staff<QueuePage>('GET', `/prereview/queue?status=${status}&limit=${page.limit}&offset=${page.offset}`, undefined, signal);
export const getApplication = (id: string, signal?: AbortSignal) => staff<ReviewerDetail>('GET', `/prereview/applications/${encodeURIComponent(id)}`, undefined, signal);
export const decideApplication = (id: string, decision: Decision, reason: string) =>
  staff<ReviewerDetail>('POST', `/prereview/applications/${encodeURIComponent(id)}/decision`, { decision, reason });
export const getRules = (itemId: string, signal?: AbortSignal) => staff<RuleSet>('GET', `/prereview/rules/${encodeURIComponent(itemId)}`, undefined, signal);
export const putRules = (itemId: string, rules: unknown, note?: string) =>
  staff<{ changed: boolean; ruleSet: RuleSet }>('PUT', `/prereview/rules/${encodeURIComponent(itemId)}`, { rules, ...(note ? { note } : {}) });
