/**
 * Who is calling: sets `req.actor` from the session cookie or the bearer token (issue #3).
 * Until accounts land every request is anonymous.
 */
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../app-context.js';
import { ANONYMOUS, type Actor } from '../../auth/actor.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor;
  }
}

export async function registerAuthPlugin(app: FastifyInstance, _ctx: AppContext): Promise<void> {
  app.decorateRequest('actor', null as unknown as Actor);
  app.addHook('onRequest', async (req) => {
    req.actor = ANONYMOUS;
  });
}
