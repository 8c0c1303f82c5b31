import type { RequestHandler } from 'express';
import type { GatewayDeps } from '../deps.js';
import type { AnyRoute } from '../http/route.js';
import { analyticsRoutes } from './analytics/router.js';
import { apiKeyRoutes } from './api-keys/router.js';
import { authRoutes } from './auth/router.js';
import { classificationRoutes } from './classification/router.js';
import { customerRoutes } from './customers/router.js';
import { hierarchyRoutes } from './hierarchy/router.js';
import { hubRoutes } from './hub/router.js';
import { operationRoutes } from './operations/router.js';
import { orderRoutes } from './orders/router.js';
import { returnRoutes } from './returns/router.js';
import { serviceActionRoutes } from './service-actions/router.js';
import { syncRoutes } from './sync/router.js';
import { systemRoutes } from './system/router.js';
import { trackingRoutes } from './tracking/router.js';
import { userRoutes } from './users/router.js';

/**
 * Every public route of `/api/v1`. Later issues add their resources here. Express matches in this
 * order: hierarchy and classification come before the orders, so `/orders/hierarchy/...` is never
 * taken for an order id.
 */
export function apiRoutes(loginLimiter: RequestHandler): AnyRoute<GatewayDeps>[] {
  return [
    ...authRoutes(loginLimiter), ...userRoutes, ...apiKeyRoutes, ...operationRoutes, ...systemRoutes,
    ...hierarchyRoutes, ...classificationRoutes, ...orderRoutes, ...syncRoutes, ...hubRoutes, ...returnRoutes, ...serviceActionRoutes, ...analyticsRoutes, ...customerRoutes,
    ...trackingRoutes,
  ];
}
