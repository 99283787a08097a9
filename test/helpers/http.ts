/** Shapes of API responses the tests check that are not exported by the routes. */
import { z } from 'zod';

export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.unknown().optional(),
  }),
});

export const historyResponseSchema = z.object({
  versions: z.array(
    z.object({
      version: z.number().int(),
      status: z.string(),
      title: z.string(),
      validFrom: z.string().nullable(),
      validTo: z.string().nullable(),
      contentHash: z.string(),
      createdAt: z.string(),
      note: z.string().nullable(),
    }),
  ),
});

/** Chinese characters: messages a citizen sees must be in Chinese. */
export const HAN = /\p{Script=Han}/u;
