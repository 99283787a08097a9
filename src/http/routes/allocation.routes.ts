import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  applicationDetailSchema,
  applicationStatusSchema,
  applicationSummarySchema,
  decisionInputSchema,
  drawInputSchema,
  exportSchema,
  lookupInputSchema,
  lookupResultSchema,
  objectionDecisionSchema,
  objectionInputSchema,
  objectionViewSchema,
  publicRoundSchema,
  registrationInputSchema,
  registrationResultSchema,
  roundInputSchema,
  roundSummarySchema,
  staffRoundSchema,
} from '../../allocation/allocation.schema.js';
import type { AppContext } from '../../app-context.js';
import type { Actor } from '../../auth/actor.js';

const roundParams = z.object({ id: z.string().min(1).max(32) });
const appParams = z.object({ no: z.string().min(1).max(64) });
const TAG = ['allocation'];

/**
 * Public resource allocation. Public: rounds, their lists, commitments and results, the
 * verification file, registration, the applicant's own lookup and objections. Staff
 * (/allocation/admin/…): administrators run rounds, reviewers decide eligibility and
 * objections, supervisors enter the public value at the draw.
 */
export function registerAllocationRoutes(api: FastifyInstance, ctx: AppContext): void {
  const r = api.withTypeProvider<ZodTypeProvider>();
  const { rounds, applications } = ctx.allocation;
  // guessing application numbers and last digits must stay slow: a tenth of the public rate
  const citizenLimit = { rateLimit: { max: Math.max(10, Math.ceil(ctx.env.rateLimitPerMin / 10)), timeWindow: 60_000 } };

  r.get('/allocation/rounds', { schema: { tags: TAG, summary: '公开的分配轮次', response: { 200: z.object({ items: z.array(roundSummarySchema) }) } } }, async () => ({ items: await rounds.listPublic() }));
  r.get(
    '/allocation/rounds/:id',
    { schema: { tags: TAG, summary: '轮次公示：资格规则、合格名单及哈希、承诺值、抽签后公开的秘密、公开随机值、种子与结果', params: roundParams, response: { 200: publicRoundSchema } } },
    async (req) => rounds.getPublic(req.params.id),
  );
  r.get(
    '/allocation/rounds/:id/export',
    { schema: { tags: TAG, summary: '校验文件（JSON）：任何人可据此重算名单哈希、承诺值、种子和全部排位', params: roundParams, response: { 200: exportSchema } } },
    async (req, reply) => {
      const data = await rounds.exportRound(req.params.id);
      return reply.header('content-disposition', `attachment; filename="allocation-${req.params.id}.json"`).send(data);
    },
  );
  r.post(
    '/allocation/rounds/:id/applications',
    { schema: { tags: TAG, summary: '报名（报名期内）；返回申请编号和资格初审建议', params: roundParams, body: registrationInputSchema, response: { 201: registrationResultSchema } }, config: citizenLimit },
    async (req, reply) => reply.status(201).send(await applications.register(req.actor, req.params.id, req.body, { ip: req.ip })),
  );
  r.post(
    '/allocation/rounds/:id/lookup',
    { schema: { tags: TAG, summary: '申请人凭申请编号和身份证号码后 4 位查询本人资格与抽签结果', params: roundParams, body: lookupInputSchema, response: { 200: lookupResultSchema } }, config: citizenLimit },
    async (req) => applications.lookup(req.params.id, req.body),
  );
  r.post(
    '/allocation/rounds/:id/objections',
    { schema: { tags: TAG, summary: '申请人提出申诉', params: roundParams, body: objectionInputSchema, response: { 201: objectionViewSchema } }, config: citizenLimit },
    async (req, reply) => reply.status(201).send(await applications.fileObjection(req.actor, req.params.id, req.body, { ip: req.ip })),
  );

  r.get('/allocation/admin/rounds', { schema: { tags: TAG, summary: '全部轮次（含草稿）', response: { 200: z.object({ items: z.array(roundSummarySchema) }) } } }, async (req) => ({ items: await rounds.listStaff(req.actor) }));
  r.post('/allocation/admin/rounds', { schema: { tags: TAG, summary: '新建轮次（草稿）', body: roundInputSchema, response: { 201: staffRoundSchema } } }, async (req, reply) =>
    reply.status(201).send(await rounds.create(req.actor, req.body, { ip: req.ip })),
  );
  r.get('/allocation/admin/rounds/:id', { schema: { tags: TAG, summary: '轮次详情与审核进度', params: roundParams, response: { 200: staffRoundSchema } } }, async (req) => rounds.getStaff(req.actor, req.params.id));
  r.put('/allocation/admin/rounds/:id', { schema: { tags: TAG, summary: '修改草稿轮次（资格规则、优先组、名额、报名时间）', params: roundParams, body: roundInputSchema, response: { 200: staffRoundSchema } } }, async (req) =>
    rounds.update(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
  const step = (path: string, summary: string, fn: (actor: Actor, id: string, ip: string) => Promise<z.infer<typeof staffRoundSchema>>) =>
    r.post(`/allocation/admin/rounds/:id/${path}`, { schema: { tags: TAG, summary, params: roundParams, response: { 200: staffRoundSchema } } }, async (req) => fn(req.actor, req.params.id, req.ip));
  step('open', '开始报名', (a, id, ip) => rounds.openRegistration(a, id, { ip }));
  step('close', '报名截止，进入资格审核（不早于公布的截止时间）', (a, id, ip) => rounds.closeRegistration(a, id, { ip }));
  step('publish-list', '公示合格名单及其 SHA-256 哈希（此后名单不可更改）', (a, id, ip) => rounds.publishList(a, id, { ip }));
  step('commit', '生成秘密并公布承诺值 SHA-256(秘密)（此后不可更改）', (a, id, ip) => rounds.publishCommitment(a, id, { ip }));
  r.post(
    '/allocation/admin/rounds/:id/draw',
    { schema: { tags: TAG, summary: '抽签：监督人输入公开随机值，生成种子与排位，公开秘密', params: roundParams, body: drawInputSchema, response: { 200: staffRoundSchema } } },
    async (req) => rounds.draw(req.actor, req.params.id, req.body.publicValue, { ip: req.ip }),
  );
  r.get(
    '/allocation/admin/rounds/:id/applications',
    {
      schema: {
        tags: TAG,
        summary: '报名与资格审核队列',
        params: roundParams,
        querystring: z.object({ status: applicationStatusSchema.optional(), limit: z.coerce.number().int().min(1).max(1000).default(200), offset: z.coerce.number().int().min(0).default(0) }),
        response: { 200: z.object({ items: z.array(applicationSummarySchema) }) },
      },
    },
    async (req) => ({ items: await applications.queue(req.actor, req.params.id, req.query) }),
  );
  r.get('/allocation/admin/applications/:no', { schema: { tags: TAG, summary: '报名详情：资格初审建议与决定记录', params: appParams, response: { 200: applicationDetailSchema } } }, async (req) => applications.detail(req.actor, req.params.no));
  r.post(
    '/allocation/admin/applications/:no/decision',
    { schema: { tags: TAG, summary: '资格决定（须填写理由，记入审计）', params: appParams, body: decisionInputSchema, response: { 200: applicationDetailSchema } } },
    async (req) => applications.decide(req.actor, req.params.no, req.body, { ip: req.ip }),
  );
  r.post(
    '/allocation/admin/applications/:no/reveal-id',
    { schema: { tags: TAG, summary: '查看完整身份证号码（管理员，须填写理由，记入审计）', params: appParams, body: z.object({ reason: z.string().trim().min(2).max(500) }), response: { 200: z.object({ idNumber: z.string() }) } } },
    async (req) => applications.revealIdNumber(req.actor, req.params.no, req.body.reason, { ip: req.ip }),
  );
  r.get(
    '/allocation/admin/rounds/:id/objections',
    { schema: { tags: TAG, summary: '本轮申诉', params: roundParams, querystring: z.object({ status: z.enum(['open', 'upheld', 'dismissed']).optional() }), response: { 200: z.object({ items: z.array(objectionViewSchema) }) } } },
    async (req) => ({ items: await applications.objections(req.actor, req.params.id, req.query.status) }),
  );
  r.post(
    '/allocation/admin/objections/:id/decision',
    { schema: { tags: TAG, summary: '处理申诉（成立 / 不成立，须填写处理意见，记入审计）', params: z.object({ id: z.coerce.number().int().positive() }), body: objectionDecisionSchema, response: { 200: objectionViewSchema } } },
    async (req) => applications.decideObjection(req.actor, req.params.id, req.body, { ip: req.ip }),
  );
}
