import { Router, type Request, type Response } from 'express';
import { parseAddressUpdate, parseUpdate } from '../domain/update-input.js';
import { parseCreateInput } from '../domain/create-input.js';
import { ERR, SimApiError } from '../domain/errors.js';
import { renderSearchItem } from '../domain/render.js';
import { STATE_VALUES } from '../domain/states.js';
import { buildAwbPdf } from '../awb.js';
import type { Simulator } from '../sim.js';
import { SearchQuerySchema, searchDeliveries } from '../store/search.js';
import { reindexPhones } from '../store/store.js';
import { sendOk, sendRawData, sendSearchPage } from './envelope.js';

function createOne(sim: Simulator, body: unknown): Record<string, unknown> {
  const d = sim.create(parseCreateInput(body));
  return {
    _id: d.id,
    trackingNumber: d.trackingNumber,
    businessReference: d.businessReference,
    uniqueBusinessReference: d.uniqueBusinessReference,
    message: 'Delivery created successfully!',
    state: { code: d.plan[0]?.state, value: STATE_VALUES[d.plan[0]?.state ?? 10] },
    type: d.type,
    sender: { _id: 'hvarBiz01', name: 'HVAR' },
    creationSrc: 'API',
  };
}

function listParam(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap((x) => listParam(x));
  if (typeof v === 'string' || typeof v === 'number') return String(v).split(',').map((s) => s.trim()).filter(Boolean);
  return [];
}

function awbTargets(req: Request): string[] {
  const src = (req.method === 'GET' ? req.query : req.body ?? {}) as Record<string, unknown>;
  return [...listParam(src.trackingNumbers), ...listParam(src.ids)];
}

/** `/deliveries…` routes of the Bosta API (bosta-api.md §3). */
export function deliveriesRouter(sim: Simulator): Router {
  const r = Router();

  r.post('/deliveries', (req, res) => {
    sendOk(res, createOne(sim, req.body), 'Delivery created successfully!', 201);
  });

  r.post('/deliveries/bulk', (req, res) => {
    const list = (req.body as { deliveries?: unknown } | undefined)?.deliveries;
    if (!Array.isArray(list) || list.length === 0 || list.length > 100) throw ERR.validation('deliveries must be an array of 1 to 100 deliveries');
    const created: string[] = [];
    const failed: { businessReference: string | null; errorMessage: string }[] = [];
    for (const item of list) {
      try {
        created.push(String(createOne(sim, item)._id));
      } catch (err) {
        if (!(err instanceof SimApiError)) throw err;
        const ref = (item as { businessReference?: unknown } | null)?.businessReference;
        failed.push({ businessReference: typeof ref === 'string' ? ref : null, errorMessage: err.message });
      }
    }
    sendOk(res, { createdDeliveriesIds: created, failedDeliveries: failed });
  });

  r.post('/deliveries/search', (req, res) => {
    const parsed = SearchQuerySchema.safeParse(req.body ?? {});
    if (!parsed.success) throw ERR.validation(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    const { deliveries, count } = searchDeliveries(sim.store, parsed.data);
    const mismatch = sim.faults.searchDetailMismatch;
    const items = deliveries.map((d) => {
      if (mismatch > 0 && d.reached > 1 && sim.faultRng.chance(mismatch)) {
        sim.counters.faultsInjected++;
        return Buffer.from(JSON.stringify(renderSearchItem(d, d.reached - 1)));
      }
      return sim.store.searchJson(d);
    });
    sendSearchPage(res, items, count);
  });

  const massAwb = (req: Request, res: Response): void => {
    const targets = awbTargets(req);
    if (targets.length === 0) throw ERR.validation('trackingNumbers or ids is required');
    sendOk(res, buildAwbPdf(targets.map((t) => sim.get(t))).toString('base64'));
  };
  r.route('/deliveries/mass-awb').get(massAwb).post(massAwb);

  r.get('/deliveries/business/:id', (req, res) => {
    const d = sim.get(req.params.id);
    const mismatch = sim.faults.searchDetailMismatch;
    if (mismatch > 0 && sim.faultRng.chance(mismatch)) {
      sim.counters.faultsInjected++;
      throw ERR.notFound();
    }
    sendRawData(res, sim.store.detailJson(d));
  });

  r.put('/deliveries/business/:id', (req, res) => {
    const d = sim.get(req.params.id);
    const patch = parseUpdate(req.body);
    const address = parseAddressUpdate(d.type, req.body);
    const phonesBefore = [d.receiver.phone, d.receiver.secondPhone];
    sim.update(d, (target) => {
      patch(target);
      Object.assign(target, address);
    });
    reindexPhones(sim.store, d, phonesBefore);
    sendOk(res, { _id: d.id });
  });

  r.delete('/deliveries/business/:id/terminate', (req, res) => {
    const d = sim.get(req.params.id);
    sim.terminate(d);
    sendOk(res, { _id: d.id }, 'Delivery has been terminated successfully.');
  });

  return r;
}
