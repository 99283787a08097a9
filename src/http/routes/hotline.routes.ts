import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { assertCan } from '../../auth/policy.js';
import { classifyRequestSchema, classifyResponseSchema } from '../../hotline/classifier/classifier.schema.js';
import { ClassifierStore } from '../../hotline/classifier/store.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

export function registerHotlineRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const store = new ClassifierStore(ctx.env.dataDir);
  r.post(
    '/hotline/classify',
    {
      schema: {
        tags: ['hotline'],
        summary: '工单分类建议：类别、置信度、备选类别、工单类型与依据词',
        body: classifyRequestSchema,
        response: { 200: classifyResponseSchema },
      },
    },
    async (req) => {
      assertCan(req.actor, 'hotline.intake');
      const classifier = store.current();
      if (!classifier) throw new AppError(ErrorCode.Unavailable, '工单分类模型尚未训练，请管理员运行 xiaozheng hotline train 后再试');
      const result = classifier.classify(req.body);
      // a suggestion shown to an agent is an AI output: recorded with the model that made it
      await ctx.audit.record({
        actor: req.actor,
        action: 'ai.classify',
        entityType: 'hotline_text',
        ai: {
          question: [req.body.title, req.body.text].filter(Boolean).join('\n'),
          answer: `${result.category}（${result.type}）`,
          citations: [],
          producer: 'model:hotline-classifier',
          producerVersion: classifier.model.trainedAt,
          outcome: result.confidence.toFixed(3),
        },
        ip: req.ip,
      });
      return result;
    },
  );
}
