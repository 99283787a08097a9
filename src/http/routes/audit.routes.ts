import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';

export function registerAuditRoutes(_api: FastifyInstance, _ctx: AppContext): void {}
