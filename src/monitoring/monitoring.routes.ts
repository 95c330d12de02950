import { Router } from 'express';
import type { Principal } from '../auth/principal';
import { Permission, rolesGranting } from '../auth/roles';
import { ErrorCode } from '../graphql/errors';
import { sendGraphqlError } from '../server/http-errors';
import type { PrometheusMonitoring } from './prometheus.registry';

/**
 * `GET /metrics`: the Prometheus text exposition. Mounted after the authentication middleware,
 * it needs `monitoring:read` (roles monitor and admin); with `anonymous` (MONITORING_ANONYMOUS=true)
 * it is mounted without authentication and answers anyone.
 */
export function monitoringRoutes(monitoring: PrometheusMonitoring, options: { anonymous: boolean }): Router {
  const router = Router();
  // Express 5 hands a rejected handler to the error handler (500 in the GraphQL error shape).
  router.get('/metrics', async (_req, res) => {
    const caller = res.locals.caller as Principal | undefined;
    if (!options.anonymous && !caller?.can(Permission.MONITORING_READ)) {
      const granted = rolesGranting(Permission.MONITORING_READ).join(', ');
      return sendGraphqlError(res, 403, ErrorCode.FORBIDDEN, `Forbidden: /metrics needs the permission "${Permission.MONITORING_READ}" (granted to ${granted}); this caller's roles: ${caller?.roles.join(', ') || 'none'}.`);
    }
    const { contentType, body } = await monitoring.scrape();
    res.setHeader('content-type', contentType);
    res.setHeader('cache-control', 'no-store');
    res.send(body);
  });
  return router;
}
