import { BostaApiError } from '@hvar/bosta';
import { ReturnIdParams, ReturnsQuery } from '@hvar/contracts';
import { AppError, notFound, parseInput, poolQuery } from '@hvar/platform';
import type { Router } from 'express';
import { z } from 'zod';
import { classifyFailure } from '../domain/failure.js';
import type { ReadApiDeps } from '../http.js';
import { legView } from '../legs/store.js';
import { findLeg, historyOf, pageLegs } from './legs.repo.js';

const NoQuery = z.strictObject({});

/** The airway bill of a tracking number from Bosta; Bosta's failures become a 404 or a 503 problem. */
async function airwayBill(deps: ReadApiDeps, trackingNumber: string): Promise<Buffer> {
  try {
    return await deps.bosta.massAwb({ trackingNumbers: [trackingNumber], type: deps.awb.type, lang: deps.awb.lang });
  } catch (err) {
    if (err instanceof BostaApiError && err.status === 404) throw new AppError('not_found', `Bosta has no delivery ${trackingNumber}.`);
    const failure = classifyFailure(err);
    if (!failure) throw err;
    throw new AppError('dependency_unavailable', `Bosta did not give the airway bill of ${trackingNumber} (${failure.error.code}: ${failure.error.message}); try again shortly.`);
  }
}

/** Registers the legs' reads: list, one (with its history), its airway bill (PDF). */
export function legRoutes(router: Router, deps: ReadApiDeps): void {
  const db = poolQuery(deps.database.pool);

  router.get('/returns', async (req, res) => {
    res.json(await pageLegs(db, parseInput(ReturnsQuery, req.query, 'query')));
  });

  router.get('/returns/:id', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const { id } = parseInput(ReturnIdParams, req.params, 'params');
    const leg = await findLeg(db, id);
    if (!leg) throw notFound(`return ${id}`);
    res.json(legView(leg, await historyOf(db, leg.return_id)));
  });

  router.get('/returns/:id/awb', async (req, res) => {
    parseInput(NoQuery, req.query, 'query');
    const { id } = parseInput(ReturnIdParams, req.params, 'params');
    const leg = await findLeg(db, id);
    if (!leg) throw notFound(`return ${id}`);
    if (leg.tracking_number === null) {
      throw new AppError('conflict', `Return ${leg.unique_business_reference} is ${leg.status} and has no Bosta delivery yet, so no airway bill.`, { code: 'no_tracking_number' });
    }
    const pdf = await airwayBill(deps, leg.tracking_number);
    res.status(200).type('application/pdf').set('content-disposition', `inline; filename="awb-${leg.tracking_number}.pdf"`).send(pdf);
  });
}
