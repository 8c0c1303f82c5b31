import type { RequestHandler } from 'express';
import { ERR } from '../domain/errors.js';
import { rollRequestFault } from '../faults.js';
import type { KeyScope, Simulator } from '../sim.js';
import { sendError } from './envelope.js';

/** Counts the request, moves the clock, then applies latency / 429 / 5xx faults (Bosta API only). */
export function faultGuard(sim: Simulator): RequestHandler {
  return async (_req, res, next) => {
    sim.counters.requests++;
    sim.tick();
    const f = sim.faults;
    if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    const fault = rollRequestFault(f, sim.faultRng);
    if (fault.kind === '429') {
      sim.counters.faultsInjected++;
      res.status(429).set('Retry-After', '1').json({ success: false, message: 'Too many requests', errorCode: 429, retryAfter: 1 });
      return;
    }
    if (fault.kind === '5xx') {
      sim.counters.faultsInjected++;
      res.status(fault.status).json({ success: false, message: 'Internal server error', errorCode: fault.status, data: null });
      return;
    }
    next();
  };
}

function allowed(scope: KeyScope, method: string): boolean {
  if (scope === 'full') return true;
  if (method === 'GET' || method === 'HEAD') return true;
  return scope === 'read_write' && method !== 'DELETE';
}

/**
 * Raw key in `Authorization` (no Bearer): unknown → 401/1007; scope too small → 403/1008 (Read =
 * GET only, Read/Write = all but DELETE, Full = all). Login tokens also pass as `Bearer <token>`.
 */
export function authGuard(sim: Simulator, tokens: Map<string, KeyScope>): RequestHandler {
  return (req, res, next) => {
    const header = req.get('authorization')?.trim() ?? '';
    const bare = header.replace(/^Bearer\s+/i, '');
    const scope = sim.keys.get(header) ?? tokens.get(header) ?? tokens.get(bare);
    if (!scope) return sendError(res, ERR.unauthorized());
    if (!allowed(scope, req.method)) return sendError(res, ERR.forbidden());
    next();
  };
}
