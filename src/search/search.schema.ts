/** The search API contract (HTTP body and response); also feeds the OpenAPI document. */
import { z } from 'zod';
import { entryKindSchema, isoDateSchema } from '../knowledge/knowledge.schema.js';

export const searchFiltersSchema = z
  .object({
    region: z.string().max(100).optional(),
    department: z.string().max(200).optional(),
    serviceObject: z.enum(['自然人', '法人']).optional(),
    /** answers use the versions in force on this date; default today (Asia/Shanghai) */
    date: isoDateSchema.optional(),
  })
  .strict();

export const searchRequestSchema = z
  .object({
    query: z.string().trim().min(1, '请输入要搜索的内容').max(500, '搜索内容最长 500 个字符'),
    limit: z.number().int().min(1).max(100).default(10),
    kinds: z.array(entryKindSchema).min(1).optional(),
    filters: searchFiltersSchema.optional(),
  })
  .strict();
export type SearchRequest = z.input<typeof searchRequestSchema>;
export type SearchParams = z.output<typeof searchRequestSchema>;

export const searchHitSchema = z.object({
  docId: z.string(),
  kind: entryKindSchema,
  title: z.string(),
  version: z.number().int(),
  score: z.number(),
  passage: z.object({
    /** `${docId}@${version}#${seq}` */
    id: z.string(),
    label: z.string(),
    start: z.number().int(),
    end: z.number().int(),
    /** equals the entry text's slice [start, end) */
    text: z.string(),
    /** the passage text with matched terms wrapped in <mark>…</mark> (other text HTML-escaped) */
    highlight: z.string(),
  }),
  /** further matching passages of the same entry, best first */
  morePassages: z.array(z.object({ id: z.string(), label: z.string(), start: z.number().int(), end: z.number().int(), score: z.number() })).optional(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchResponseSchema = z.object({
  hits: z.array(searchHitSchema),
  total: z.number().int(),
  tookMs: z.number(),
  /** the query terms after normalisation, segmentation and synonym expansion */
  terms: z.array(z.string()),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

export const synonymInputSchema = z
  .object({
    alias: z.string().trim().min(1, '请输入口语说法').max(100, '口语说法最长 100 个字符'),
    canonical: z.string().trim().min(1, '请输入规范用语').max(100, '规范用语最长 100 个字符'),
  })
  .strict();
export type SynonymInput = z.infer<typeof synonymInputSchema>;

export const synonymSchema = z.object({
  /** null for built-in pairs, which cannot be deleted */
  id: z.number().int().nullable(),
  alias: z.string(),
  canonical: z.string(),
  source: z.enum(['builtin', 'custom']),
  createdAt: z.string().nullable(),
});
export const synonymListSchema = z.object({ items: z.array(synonymSchema), total: z.number().int() });

export const searchStatusSchema = z.object({
  ready: z.boolean(),
  entries: z.number().int(),
  versions: z.number().int(),
  passages: z.number().int(),
  changeSeq: z.number().int(),
  segments: z.number().int(),
  indexBytes: z.number().int(),
  loadedFrom: z.enum(['empty', 'snapshot', 'rebuild']),
  lastSyncAt: z.string().nullable(),
});
export type SearchStatus = z.infer<typeof searchStatusSchema>;
