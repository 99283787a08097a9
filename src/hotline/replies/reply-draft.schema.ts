/** zod contract of POST /hotline/orders/:id/reply-draft. */
import { z } from 'zod';

export const replyDraftSchema = z.object({
  draft: z.string(),
  sources: z.array(
    z.object({
      kind: z.enum(['order', 'knowledge']),
      id: z.string(),
      title: z.string(),
      score: z.number(),
      quote: z.string(),
      version: z.number().int().optional(),
      start: z.number().int().optional(),
      end: z.number().int().optional(),
    }),
  ),
});
export type ReplyDraft = z.infer<typeof replyDraftSchema>;
