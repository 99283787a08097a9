/** The accounts API (issue #3): sign-in, users and roles, departments, API tokens, sharing grants. */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { registerAuthRoutes } from './auth.routes.js';
import { registerDepartmentRoutes } from './departments.routes.js';
import { registerGrantRoutes } from './grants.routes.js';
import { registerTokenRoutes } from './tokens.routes.js';
import { registerUserRoutes } from './users.routes.js';

export function registerAccountRoutes(api: FastifyInstance, ctx: AppContext): void {
  registerAuthRoutes(api, ctx);
  registerUserRoutes(api, ctx);
  registerDepartmentRoutes(api, ctx);
  registerTokenRoutes(api, ctx);
  registerGrantRoutes(api, ctx);
}
