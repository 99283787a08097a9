import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../app-context.js';
import { assertCan } from '../../auth/policy.js';
import { classifyRequestSchema, classifyResponseSchema, retrainRequestSchema, retrainResponseSchema } from '../../hotline/classifier/classifier.schema.js';
import { parseTrainingJsonl } from '../../hotline/classifier/evaluate.js';
import { AppError, ErrorCode } from '../../shared/app-error.js';

export function registerHotlineRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { store, training } = ctx.hotline.classifier;
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
  r.post(
    '/hotline/classifier/retrain',
    {
      schema: {
        tags: ['hotline'],
        summary: '用已办结工单（可合并 JSONL 历史）重新训练分类模型，报告交叉验证准确率；新模型原子替换旧模型',
        body: retrainRequestSchema,
        response: { 200: retrainResponseSchema },
      },
    },
    async (req) => {
      assertCan(req.actor, 'hotline.config');
      let extra;
      if (req.body.jsonl !== undefined) {
        const { examples, errors } = parseTrainingJsonl(req.body.jsonl);
        if (errors.length) throw new AppError(ErrorCode.ValidationFailed, `jsonl 有 ${errors.length} 行格式错误，模型未更新：${errors.slice(0, 5).map((e) => `第 ${e.line} 行${e.message}`).join('；')}`, { lines: errors });
        extra = examples;
      }
      const { file: _file, ...result } = await training.retrain(req.actor, { ...req.body, orders: true, extra }, { ip: req.ip });
      return result;
    },
  );
}
