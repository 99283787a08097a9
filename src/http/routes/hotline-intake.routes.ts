/** Intake (issue #6): suggestions, taxonomy, 派单目录, duplicates, reply drafts, hot spots and stats. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../app-context.js';
import { hotspotQuerySchema, statsQuerySchema } from '../../hotline/hotspots/hotspots.service.js';
import { hotspotSchema, statsSchema } from '../../hotline/hotspots/hotspots.schema.js';
import {
  categoryNodeSchema,
  csvImportRequestSchema,
  dispatchRuleInputSchema,
  dispatchRuleSchema,
  dispatchRuleViewSchema,
  duplicateSchema,
  suggestRequestSchema,
  suggestResponseSchema,
} from '../../hotline/intake/intake.schema.js';
import { replyDraftSchema } from '../../hotline/replies/reply-draft.schema.js';

const idParams = z.object({ id: z.coerce.number().int().positive('规则编号（id）无效') });
const orderParams = z.object({ id: z.string().min(1).max(32) });

export function registerHotlineIntakeRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { config, suggestions } = ctx.hotline.intake;

  r.post(
    '/hotline/suggest',
    { schema: { tags: ['hotline'], summary: '受理建议：类型、分类、承办单位、紧急程度、地点、可直接答复的依据、疑似重复工单', body: suggestRequestSchema, response: { 200: suggestResponseSchema } } },
    async (req) => suggestions.suggest(req.actor, req.body, { ip: req.ip }),
  );

  r.get('/hotline/categories', { schema: { tags: ['hotline'], summary: '工单分类树（启用的分类）', response: { 200: z.array(categoryNodeSchema) } } }, async (req) => config.categoryTree(req.actor));

  r.post(
    '/hotline/categories/import',
    {
      schema: {
        tags: ['hotline'],
        summary: '导入分类体系 CSV（表头为各级名称，每行一条分类路径；文件即完整分类，未出现的分类停用）',
        body: csvImportRequestSchema,
        response: { 200: z.object({ added: z.number(), reactivated: z.number(), deactivated: z.number(), total: z.number() }) },
      },
    },
    async (req) => config.importTaxonomy(req.actor, req.body.csv, { ip: req.ip }),
  );

  r.get('/hotline/dispatch-rules', { schema: { tags: ['hotline'], summary: '派单目录', response: { 200: z.array(dispatchRuleViewSchema) } } }, async (req) => config.listRules(req.actor));
  r.post(
    '/hotline/dispatch-rules',
    { schema: { tags: ['hotline'], summary: '新增派单规则', body: dispatchRuleInputSchema, response: { 201: dispatchRuleSchema } } },
    async (req, reply) => reply.status(201).send(await config.createRule(req.actor, req.body, { ip: req.ip })),
  );
  r.put(
    '/hotline/dispatch-rules/:id',
    { schema: { tags: ['hotline'], summary: '修改派单规则', params: idParams, body: dispatchRuleInputSchema, response: { 200: dispatchRuleSchema } } },
    async (req) => config.updateRule(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
  r.delete('/hotline/dispatch-rules/:id', { schema: { tags: ['hotline'], summary: '删除派单规则', params: idParams } }, async (req, reply) => {
    await config.deleteRule(req.actor, req.params.id, { ip: req.ip });
    return reply.status(204).send();
  });
  r.post(
    '/hotline/dispatch-rules/import',
    {
      schema: {
        tags: ['hotline'],
        summary: '导入派单目录 CSV（分类, 区划代码, 主办单位, 协办单位[, 优先级, 备注]）',
        body: csvImportRequestSchema,
        response: { 200: z.object({ created: z.number(), updated: z.number() }) },
      },
    },
    async (req) => config.importRules(req.actor, req.body.csv, { ip: req.ip }),
  );

  r.get(
    '/hotline/orders/:id/duplicates',
    { schema: { tags: ['hotline'], summary: '并单候选：同一事项、同一地点、时间相近的工单', params: orderParams, response: { 200: z.array(duplicateSchema) } } },
    async (req) => suggestions.duplicatesOf(req.actor, req.params.id),
  );

  r.post(
    '/hotline/orders/:id/reply-draft',
    { schema: { tags: ['hotline'], summary: '答复草稿：取自相似已答复工单与知识库，附来源，供承办人修改', params: orderParams, response: { 200: replyDraftSchema } } },
    async (req) => ctx.hotline.replies.draft(req.actor, req.params.id, { ip: req.ip }),
  );

  r.get(
    '/hotline/hotspots',
    { schema: { tags: ['hotline'], summary: '热点：同一事项、同一地点在时间窗内的工单聚集，含件数与趋势', querystring: hotspotQuerySchema, response: { 200: z.array(hotspotSchema) } } },
    async (req) => ctx.hotline.hotspots.hotspots(req.actor, req.query),
  );

  r.get(
    '/hotline/stats',
    { schema: { tags: ['hotline'], summary: '统计：分类趋势、各部门按期办结率、满意度、状态与渠道分布', querystring: statsQuerySchema, response: { 200: statsSchema } } },
    async (req) => ctx.hotline.hotspots.stats(req.actor, req.query),
  );
}
