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
