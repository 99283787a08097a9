/** The knowledge manager's review of the assistant (permission assistant.review). */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { faqDraftRequestSchema, faqDraftResponseSchema, reviewQuerySchema, reviewResponseSchema } from '../../assistant/chat.schema.js';

export function registerAssistantReviewRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { feedback } = ctx.assistant;
  r.get(
    '/assistant/review',
    {
      schema: {
        tags: ['assistant'],
        summary: '咨询复盘：未能回答（澄清/转人工/拒答/无出处）或被评为没用的问题，按问题归并计数',
        querystring: reviewQuerySchema,
        response: { 200: reviewResponseSchema },
      },
    },
    async (req) => feedback.review(req.actor, req.query),
  );
  r.post(
    '/assistant/review/faq-draft',
    { schema: { tags: ['assistant'], summary: '由问题创建常见问题草稿（不发布）', body: faqDraftRequestSchema, response: { 201: faqDraftResponseSchema } } },
    async (req, reply) => reply.status(201).send(await feedback.createFaqDraft(req.actor, req.body, req.ip)),
  );
}
