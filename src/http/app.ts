/**
 * The Fastify instance: zod validation, OpenAPI at /api/docs, one error handler, the web UI.
 * Routes are thin: validate → authorize (src/auth/policy.ts) → call a service → present.
 */
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { AppContext } from '../app-context.js';
import { AppError, ErrorCode, HTTP_STATUS } from '../shared/app-error.js';
import { registerAuthPlugin } from './plugins/auth.plugin.js';
import { registerSecurityPlugins } from './plugins/security.plugin.js';
import { registerAccountRoutes } from './routes/accounts.routes.js';
import { registerAllocationRoutes } from './routes/allocation.routes.js';
import { registerAuditRoutes } from './routes/audit.routes.js';
import { registerChatRoutes } from './routes/chat.routes.js';
import { registerDocumentExportRoutes } from './routes/documents-export.routes.js';
import { registerDocumentsRoutes } from './routes/documents.routes.js';
import { registerEntryRoutes } from './routes/entries.routes.js';
import { registerGuideRoutes } from './routes/guide.routes.js';
import { registerHealthRoutes } from './routes/health.routes.js';
import { registerHotlineRoutes } from './routes/hotline.routes.js';
import { registerHotlineOrderRoutes } from './routes/hotline-orders.routes.js';
import { registerHotlineIntakeRoutes } from './routes/hotline-intake.routes.js';
import { registerPrereviewRoutes } from './routes/prereview.routes.js';
import { registerSearchRoutes } from './routes/search.routes.js';
import { registerValidateRoutes } from './routes/validate.routes.js';

export interface BuildAppOptions {
  /** serve the built web UI from this folder when it exists */
  webDir?: string;
  logger?: boolean | { level: string };
}

function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

export async function buildApp(ctx: AppContext, opts: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    // behind a reverse proxy, the client address (rate limits, audit) comes from X-Forwarded-For
    // (a hop count as a function: Fastify's types leave the number form out)
    trustProxy: typeof ctx.env.trustProxy === 'number' ? trustHops(ctx.env.trustProxy) : ctx.env.trustProxy,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, req, reply) => {
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        field: `${err.validationContext ?? 'body'}${v.instancePath.replace(/\//g, '.')}`,
        message: v.message ?? 'invalid',
      }));
      return reply.status(400).send({
        error: { code: ErrorCode.ValidationFailed, message: `请求参数有误：${issues.map((i) => `${i.field} ${i.message}`).join('；')}`, details: issues },
      });
    }
    if (err instanceof AppError) {
      return reply.status(HTTP_STATUS[err.code]).send({ error: { code: err.code, message: err.message, details: err.details } });
    }
    const status = (err as { statusCode?: number }).statusCode;
    if (status && status >= 400 && status < 500) {
      return reply.status(status).send({ error: { code: ErrorCode.ValidationFailed, message: `请求无效：${(err as Error).message}` } });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.status(500).send({ error: { code: ErrorCode.Internal, message: '服务器内部错误，请稍后再试' } });
  });

  // before the routes: the rate limit attaches itself to each route as it is declared
  await registerSecurityPlugins(app, ctx.env);

  await app.register(fastifySwagger, {
    openapi: {
      info: { title: 'Xiaozheng 小政 API', description: '政务服务知识库与搜索接口', version: '0.1.0' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  await registerAuthPlugin(app, ctx);

  await app.register(
    async (api) => {
      registerHealthRoutes(api, ctx);
      registerEntryRoutes(api, ctx);
      registerSearchRoutes(api, ctx);
      registerAccountRoutes(api, ctx);
      registerAuditRoutes(api, ctx);
      registerChatRoutes(api, ctx);
      registerValidateRoutes(api, ctx);
      registerPrereviewRoutes(api, ctx);
      registerGuideRoutes(api, ctx);
      registerHotlineRoutes(api, ctx);
      registerDocumentsRoutes(api, ctx);
      registerDocumentExportRoutes(api, ctx);
      registerHotlineOrderRoutes(api, ctx);
      registerHotlineIntakeRoutes(api, ctx);
      registerAllocationRoutes(api, ctx);
    },
    { prefix: '/api/v1' },
  );

  app.setNotFoundHandler((req, reply) => {
    // API paths and missing static files (e.g. an /assets/… bundle from an older build) are
    // real 404s; any other path is a client-side route of the single-page web UI.
    const isFile = /\.[a-z0-9]+$/i.test(req.url.split('?')[0]!);
    if (req.url.startsWith('/api/') || isFile || !opts.webDir || !fs.existsSync(path.join(opts.webDir, 'index.html'))) {
      return reply.status(404).send({ error: { code: ErrorCode.NotFound, message: `未找到：${req.method} ${req.url.split('?')[0]}` } });
    }
    return reply.sendFile('index.html');
  });
  if (opts.webDir && fs.existsSync(opts.webDir)) {
    // wildcard: files are looked up per request, so a rebuilt UI is served without a restart
    await app.register(fastifyStatic, { root: opts.webDir, prefix: '/', wildcard: true });
  }
  return app;
}
