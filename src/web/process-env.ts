import type { FastifyRequest } from 'fastify';
import type { ProcessActor, ProcessEnv } from '../app/process/env.ts';
import { NotFound, originOf, requireSignedIn } from './auth.ts';

/** What the process commands need, taken from the request's server, tenant and origin. */
export function processEnvOf(request: FastifyRequest): ProcessEnv {
  const gate = request.server.gate;
  const tenant = gate.tenant();
  return {
    db: gate.database.db,
    clock: gate.clock,
    tenantId: tenant.id,
    timeZone: tenant.time_zone,
    publicUrl: gate.config.publicUrl,
    origin: originOf(request),
  };
}

/** The signed-in person as the process commands name them; "not found" for a visitor. */
export function processActorOf(request: FastifyRequest): ProcessActor {
  const signedIn = requireSignedIn(request);
  const actor = request.actor;
  if (actor.kind === 'visitor') {
    throw new NotFound();
  }
  return { actor, email: signedIn.user.email };
}
