/** The search page's state lives in the URL (?q=…&kind=…) so a search can be shared and reloaded. */
import type { EntryKind, SearchRequest } from './api.js';

export interface SearchForm {
  q: string;
  kind?: EntryKind;
  region?: string;
  department?: string;
  serviceObject?: '自然人' | '法人';
  date?: string;
}

const KINDS = new Set<string>(['item', 'policy', 'law', 'faq']);
const OBJECTS = new Set<string>(['自然人', '法人']);

export function formFromParams(p: URLSearchParams): SearchForm {
  const kind = p.get('kind') ?? '';
  const obj = p.get('obj') ?? '';
  const date = p.get('date') ?? '';
  return {
    q: p.get('q') ?? '',
    kind: KINDS.has(kind) ? (kind as EntryKind) : undefined,
    region: p.get('region') || undefined,
    department: p.get('dept') || undefined,
    serviceObject: OBJECTS.has(obj) ? (obj as SearchForm['serviceObject']) : undefined,
    date: /^\d{4}-\d{2}-\d{2}$/.test(date) ? date : undefined,
  };
}

export function paramsFromForm(f: SearchForm): URLSearchParams {
  const p = new URLSearchParams();
  const set = (k: string, v: string | undefined) => {
    if (v && v.trim()) p.set(k, v.trim());
  };
  set('q', f.q);
  set('kind', f.kind);
  set('region', f.region);
  set('dept', f.department);
  set('obj', f.serviceObject);
  set('date', f.date);
  return p;
}

export const PAGE_SIZE = 20;

export function requestFromForm(f: SearchForm): SearchRequest {
  const filters: NonNullable<SearchRequest['filters']> = {};
  if (f.region) filters.region = f.region;
  if (f.department) filters.department = f.department;
  if (f.serviceObject) filters.serviceObject = f.serviceObject;
  if (f.date) filters.date = f.date;
  return {
    query: f.q.trim(),
    limit: PAGE_SIZE,
    ...(f.kind ? { kinds: [f.kind] } : {}),
    ...(Object.keys(filters).length ? { filters } : {}),
  };
}
