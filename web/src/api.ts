/**
 * Typed client for the Xiaozheng HTTP API. Types come from the server's zod schemas
 * (type-only imports, nothing from src/ ends up in the bundle).
 */
import type { EntryHistory, EntryKind, EntryVersion, Faq, Material, Policy, ServiceItem } from '../../src/knowledge/knowledge.schema.js';
import type { SearchHit, SearchRequest, SearchResponse } from '../../src/search/search.schema.js';

export type { EntryKind, EntryVersion, Faq, Material, Policy, SearchHit, SearchRequest, SearchResponse, ServiceItem };

/** One row of GET /api/v1/entries/:id/history. */
export type HistoryVersion = EntryHistory['versions'][number];

/** An error a citizen can read: the server's Chinese message, or one of ours. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code?: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

/** JSON (or a FormData upload) over fetch; `headers` add to (never replace) the JSON ones. Cookies go along (same origin). */
export async function request<T>(url: string, init?: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> }): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      credentials: 'same-origin',
      ...init,
      // a FormData body gets its multipart content type (with the boundary) from the browser
      headers: { accept: 'application/json', ...(init?.body && !(init.body instanceof FormData) ? { 'content-type': 'application/json' } : {}), ...init?.headers },
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError('网络连接失败，请检查网络后重试', 0);
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (body as { error?: { code?: string; message?: string; details?: unknown } } | null)?.error;
    const fallback = res.status === 404 ? '未找到相关内容' : `服务暂时不可用（${res.status}），请稍后再试`;
    throw new ApiError(e?.message ?? fallback, res.status, e?.code, e?.details);
  }
  return body as T;
}

export function search(req: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
  return request('/api/v1/search', { method: 'POST', body: JSON.stringify(req), signal });
}

export function getEntry(id: string, opts: { version?: number; date?: string } = {}, signal?: AbortSignal): Promise<EntryVersion> {
  const qs = new URLSearchParams();
  if (opts.version !== undefined) qs.set('version', String(opts.version));
  if (opts.date) qs.set('date', opts.date);
  const suffix = qs.size ? `?${qs}` : '';
  return request(`/api/v1/entries/${encodeURIComponent(id)}${suffix}`, { signal });
}

export async function getHistory(id: string, signal?: AbortSignal): Promise<HistoryVersion[]> {
  const r = await request<{ versions: HistoryVersion[] }>(`/api/v1/entries/${encodeURIComponent(id)}/history`, { signal });
  return r.versions;
}
