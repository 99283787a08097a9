/**
 * Client of the guided-service API (issue #5). Types come from the server's zod schemas
 * (type-only imports).
 */
import type { z } from 'zod';
import type {
  Answers,
  AnsweredView,
  Cause,
  ChecklistMaterial,
  ItemChecklist,
  ItemGuideResponse,
  lifeEventGuideResponseSchema,
  lifeEventSummarySchema,
  MergedMaterial,
  QuestionView,
  ResumedSession,
} from '../../../src/guide/guide.schema.js';
import { request } from '../api.js';
import { staff } from '../api-admin.js';

export type { Answers, AnsweredView, Cause, ChecklistMaterial, ItemChecklist, ItemGuideResponse, MergedMaterial, QuestionView, ResumedSession };
export type LifeEventGuideResponse = z.infer<typeof lifeEventGuideResponseSchema>;
export type LifeEventSummary = z.infer<typeof lifeEventSummarySchema>;

export type GuideKind = 'item' | 'life_event';
export type GuideResult = { kind: 'item'; data: ItemGuideResponse } | { kind: 'life_event'; data: LifeEventGuideResponse };

export async function postGuide(kind: GuideKind, id: string, answers: Answers, resumeToken?: string, signal?: AbortSignal): Promise<GuideResult> {
  const path = kind === 'item' ? `/items/${encodeURIComponent(id)}/guide` : `/life-events/${encodeURIComponent(id)}/guide`;
  const body = { answers, ...(resumeToken ? { resumeToken } : {}) };
  // through the staff client: a signed-in member of staff using the guide sends the session's CSRF token
  if (kind === 'item') return { kind, data: await staff<ItemGuideResponse>('POST', path, body, signal) };
  return { kind, data: await staff<LifeEventGuideResponse>('POST', path, body, signal) };
}

export function resumeGuide(token: string, signal?: AbortSignal): Promise<ResumedSession> {
  return request(`/api/v1/guide/${encodeURIComponent(token)}`, { signal });
}

export async function listLifeEvents(signal?: AbortSignal): Promise<LifeEventSummary[]> {
  return (await request<{ items: LifeEventSummary[] }>('/api/v1/life-events', { signal })).items;
}
