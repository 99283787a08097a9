import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';

export function registerChatRoutes(_api: FastifyInstance, _ctx: AppContext): void {}
