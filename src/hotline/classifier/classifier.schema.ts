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

export const retrainRequestSchema = z.object({
  min: z.number().int('min 应为整数').min(2, 'min 至少为 2').default(50),
  folds: z
    .number()
    .int('folds 应为整数')
    .min(0, 'folds 应为 0（不做交叉验证）或 2 到 10')
    .max(10, 'folds 不能超过 10')
    .refine((n) => n !== 1, 'folds 应为 0（不做交叉验证）或 2 到 10')
    .default(5),
  seed: z.number().int('seed 应为整数').default(42),
  /** history in the training file's format (JSONL `{title?, text, category}`), merged with the orders */
  jsonl: z.string().optional(),
});

export const retrainResponseSchema = z.object({
  trainedAt: z.string(),
  examples: z.number(),
  fromOrders: z.number(),
  fromFile: z.number(),
  taxonomyExamples: z.number(),
  categories: z.array(z.string()),
  vocabulary: z.number(),
  evaluation: z
    .object({
      folds: z.number(),
      accuracy: z.number(),
      foldAccuracy: z.array(z.number()),
      perClass: z.array(z.object({ category: z.string(), support: z.number(), precision: z.number(), recall: z.number() })),
    })
    .nullable(),
});
