import { z } from 'zod';
import { ORDER_TYPES } from './order-type.js';

export const classifyRequestSchema = z.object({
  title: z.string().max(200, '标题不能超过 200 字').optional(),
  text: z.string().trim().min(1, '工单内容（text）不能为空').max(20000, '工单内容不能超过 20000 字'),
});

const scoredCategorySchema = z.object({ category: z.string(), confidence: z.number() });

export const classifyResponseSchema = scoredCategorySchema.extend({
  alternatives: z.array(scoredCategorySchema),
  type: z.enum(ORDER_TYPES),
  terms: z.array(z.string()),
});
