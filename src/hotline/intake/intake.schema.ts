/** zod contract of intake (POST /hotline/suggest, categories, 派单目录, duplicates): web types and OpenAPI. */
import { z } from 'zod';
import { ORDER_TYPES } from '../classifier/order-type.js';
import { dispatchRuleInputSchema } from './intake-config.service.js';
import { locationSchema } from './location.js';

export const suggestRequestSchema = z.object({
  title: z.string().trim().max(300, '标题（title）不能超过 300 字').optional(),
  text: z.string().trim().min(1, '工单内容（text）不能为空').max(20000, '工单内容（text）不能超过 20000 字'),
});
export type SuggestRequest = z.infer<typeof suggestRequestSchema>;

const departmentRefSchema = z.object({ id: z.number().int(), name: z.string() });

export const duplicateSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  createdAt: z.string(),
  score: z.number(),
  reasons: z.array(z.string()),
});

export const suggestResponseSchema = z.object({
  type: z.enum(ORDER_TYPES),
  category: z.string().nullable(),
  confidence: z.number().nullable(),
  alternatives: z.array(z.object({ category: z.string(), confidence: z.number() })),
  terms: z.array(z.string()),
  department: departmentRefSchema.extend({ ruleId: z.number().int() }).optional(),
  coDepartments: z.array(departmentRefSchema),
  urgency: z.enum(['normal', 'urgent', 'emergency']),
  /** emergency numbers to call at once (110/119/120/122), in order */
  emergencyNumbers: z.array(z.string()),
  location: locationSchema,
  directAnswer: z
    .object({
      text: z.string(),
      citations: z.array(z.object({ entryId: z.string(), version: z.number().int(), title: z.string(), quote: z.string() })),
    })
    .optional(),
  duplicates: z.array(duplicateSchema),
  /** why a part is missing or what the agent must do first (Chinese) */
  notes: z.array(z.string()),
});
export type SuggestResponse = z.infer<typeof suggestResponseSchema>;

export interface CategoryTreeNode {
  path: string;
  name: string;
  level: number;
  children: CategoryTreeNode[];
}
export const categoryNodeSchema: z.ZodType<CategoryTreeNode> = z.lazy(() =>
  z.object({ path: z.string(), name: z.string(), level: z.number().int(), children: z.array(categoryNodeSchema) }),
);

export const csvImportRequestSchema = z.object({ csv: z.string().min(1, 'CSV 内容（csv）不能为空').max(5_000_000, 'CSV 内容（csv）不能超过 5 MB') });

export const dispatchRuleSchema = dispatchRuleInputSchema.extend({ id: z.number().int() });
export const dispatchRuleViewSchema = dispatchRuleSchema.extend({ departmentName: z.string(), coDepartmentNames: z.array(z.string()) });
export { dispatchRuleInputSchema };
