/** zod contract of the public identifier checks (POST /validate/idcard, /uscc, /phone). */
import { z } from 'zod';

export const validateRequestSchema = z.object({ value: z.string().max(100, 'value 最长 100 个字符') });

export const idCardInfoSchema = z.object({
  normalized: z.string(),
  birthDate: z.string(),
  sex: z.enum(['男', '女']),
  regionCode: z.string(),
  regionName: z.string(),
  regionLevel: z.enum(['province', 'prefecture', 'county']),
  age: z.number().int(),
});
export const usccInfoSchema = z.object({
  normalized: z.string(),
  authority: z.string(),
  category: z.string(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  organizationCode: z.string(),
});
export const phoneInfoSchema = z.object({
  type: z.enum(['mobile', 'landline', 'service']),
  normalized: z.string(),
  areaCode: z.string().optional(),
  extension: z.string().optional(),
});

const result = <T extends z.ZodTypeAny>(info: T) => z.object({ valid: z.boolean(), reason: z.string().optional(), info: info.optional() });
export const idCardResultSchema = result(idCardInfoSchema);
export const usccResultSchema = result(usccInfoSchema);
export const phoneResultSchema = result(phoneInfoSchema);
