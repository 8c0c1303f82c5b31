import { randomBytes } from 'node:crypto';
import { Router } from 'express';
import { CITIES, getAllDistricts, getCityById, getDistricts } from '../demo/geography.js';
import { BUSINESS_LOCATION_ID, PICKUP_LOCATION } from '../domain/business.js';
import { toE164 } from '../domain/create-input.js';
import { ERR, SimApiError } from '../domain/errors.js';
import type { KeyScope, Simulator } from '../sim.js';
import { sendOk } from './envelope.js';

/** Routes that need no key: the district list (the official plugin calls it bare) and the dashboard login. */
export function publicRouter(sim: Simulator, tokens: Map<string, KeyScope>): Router {
  const r = Router();
  r.get('/cities/getAllDistricts', (_req, res) => sendOk(res, getAllDistricts()));
  r.post('/users/login', (req, res) => {
    const { email, password } = (req.body ?? {}) as { email?: unknown; password?: unknown };
    const user = sim.opts.users.find((u) => u.email === email && u.password === password);
    if (!user) throw ERR.badLogin();
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, 'full');
    sendOk(res, { token, refreshToken: randomBytes(24).toString('base64url'), user: { email: user.email } }, 'Login successfully.');
  });
  return r;
}

const DAY = 86_400_000;

function parsePickup(sim: Simulator, body: unknown): Record<string, unknown> {
  const b = (body ?? {}) as Record<string, unknown>;
  if (typeof b.scheduledDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(b.scheduledDate)) throw ERR.validation('scheduledDate must be YYYY-MM-DD');
  const date = Date.parse(`${b.scheduledDate}T00:00:00Z`);
  if (Number.isNaN(date)) throw ERR.validation('scheduledDate must be YYYY-MM-DD');
  if (b.businessLocationId !== undefined && b.businessLocationId !== BUSINESS_LOCATION_ID) throw new SimApiError(400, 1010, 'Business location not found.');
  if (new Date(date).getUTCDay() === 5) throw new SimApiError(400, 1080, 'Pickups can not be scheduled on Fridays.');
  const today = Math.floor(sim.clock.now() / DAY) * DAY;
  if (date < today) throw new SimApiError(400, 1083, 'Scheduled date can not be in the past.');
  const contact = (b.contactPerson ?? {}) as Record<string, unknown>;
  if (contact.phone !== undefined && !toE164(contact.phone)) throw ERR.validation('contactPerson.phone must be an Egyptian mobile number');
  return {
    _id: `0700${String(sim.pickups.length + 1).padStart(8, '0')}`,
    scheduledDate: b.scheduledDate,
    businessLocationId: BUSINESS_LOCATION_ID,
    contactPerson: contact,
    numberOfParcels: typeof b.numberOfParcels === 'number' ? b.numberOfParcels : 1,
    packageType: typeof b.packageType === 'string' ? b.packageType : 'Normal',
    notes: typeof b.notes === 'string' ? b.notes : null,
    state: 'Requested',
    createdAt: new Date(sim.clock.now()).toISOString(),
  };
}

/** Cities, districts, pickup locations and pickups (bosta-api.md §3.10-3.11). */
export function referenceRouter(sim: Simulator): Router {
  const r = Router();
  r.get('/cities', (_req, res) => sendOk(res, { list: CITIES, total: CITIES.length }));
  r.get('/cities/:id/districts', (req, res) => {
    if (!getCityById(req.params.id)) throw new SimApiError(404, 1067, 'City not found');
    sendOk(res, getDistricts(req.params.id));
  });
  r.get('/pickup-locations', (_req, res) => sendOk(res, { total: 1, list: [PICKUP_LOCATION], page: 1, limit: 50, pages: 1 }));
  r.post('/pickups', (req, res) => {
    const pickup = parsePickup(sim, req.body);
    sim.pickups.push(pickup);
    res.status(200).json({ success: 'true', message: 'Pickup Request Created Successfully', data: pickup });
  });
  r.get('/pickups', (req, res) => {
    const page = Math.max(1, Number(req.query.page ?? 1) || 1);
    const limit = 50;
    sendOk(res, { pickups: sim.pickups.slice((page - 1) * limit, page * limit), count: sim.pickups.length, page, limit });
  });
  return r;
}
