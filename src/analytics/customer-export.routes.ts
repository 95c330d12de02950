import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { Router, type Request, type Response } from 'express';
import { coerceInputValue, type GraphQLInputObjectType, type GraphQLSchema } from 'graphql';
import { stringify } from 'csv-stringify/sync';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { personalInputs } from '../auth/access-rules';
import { recordAudit } from '../auth/audit-log.service';
import type { Principal } from '../auth/principal';
import { Permission } from '../auth/roles';
import type { AppConfig } from '../config/config';
import type { CustomerFilter } from '../customers/customer-filter.input';
import { createLoaders } from '../graphql/loaders';
import { metricRunsFor } from '../metrics/graphql/metric-run-resolution';
import type { MetricsRuntime } from '../metrics/host/metrics-runtime';
import { sendGraphqlError } from '../server/http-errors';
import type { ReadRouting, ReadSource } from '../server/read-routing';
import { customerTablePage, tableColumns } from './customer-table';

/** Rows per page of the walk; each page is three statements (see customerTablePage). */
const EXPORT_PAGE = 1000;
/** Exports one caller may run at once. */
const EXPORTS_PER_CALLER = 2;

class ExportRefused extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
  }
}

/**
 * `GET /export/customers.csv` (or `.ndjson`) and `GET /export/segments/<key>/members.csv`: the flat
 * customer table of customerTable, streamed page by page (constant memory, constant cost per
 * page) as CSV with a header row or as one JSON object per line. Authenticated like /graphql
 * (mounted after it); `filter` is a CustomerFilter as JSON, `columns` a comma-separated list; the
 * same roles and personal-data rules apply. Each export is recorded in the audit log (on the
 * primary, `ds`); its pages are read from `reads.forReads()`: the read replica while it is usable.
 */
export function customerExportRoutes(deps: { ds: DataSource; reads: ReadRouting; config: AppConfig; metrics: MetricsRuntime; log: Logger; schema: GraphQLSchema }): Router {
  const router = Router();
  const running = new Map<string, number>();
  const handle = (segmentFromPath: boolean) => async (req: Request, res: Response) => {
    const caller = res.locals.caller as Principal;
    const format = req.params.format;
    if (format !== 'csv' && format !== 'ndjson') return sendGraphqlError(res, 404, 'NOT_FOUND', 'Exports are .csv or .ndjson.');
    const requestId = randomUUID();
    res.setHeader('x-request-id', requestId);
    let started = false;
    let counted = false;
    let rows = 0;
    // One source for the whole export, so that its pages come from one database.
    const source: ReadSource = deps.reads.forReads();
    try {
      if (!caller.can(Permission.GRAPH_READ)) throw new ExportRefused(403, 'FORBIDDEN', `Forbidden: exports need the permission "${Permission.GRAPH_READ}".`);
      const active = running.get(caller.id) ?? 0;
      if (active >= EXPORTS_PER_CALLER) throw new ExportRefused(429, 'RATE_LIMITED', `This caller already runs ${active} exports; wait for one to finish.`);
      running.set(caller.id, active + 1);
      counted = true;
      const filter = parseFilter(deps.schema, req.query.filter, caller, deps.config.auth.piiKeys);
      if (segmentFromPath) filter.segmentKeys = [String(req.params.key)];
      const columns = tableColumns(deps.metrics.setup, typeof req.query.columns === 'string' ? req.query.columns.split(',').map((c) => c.trim()).filter(Boolean) : null, caller, deps.config.auth.piiKeys);
      const metricRuns = metricRunsFor(deps.metrics.setup, await source.currentRuns(), (filter.metrics ?? []).map((m) => ({ key: m.key, field: 'filter.metrics' })));
      const stamp = new Date().toISOString().slice(0, 10);
      res.status(200);
      res.setHeader('content-type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
      res.setHeader('content-disposition', `attachment; filename="customers-${stamp}.${format}"`);
      // The client went away (the response closed before it ended): stop reading pages.
      let closed = false;
      res.on('close', () => { closed = !res.writableFinished; });
      started = true;
      if (format === 'csv') await write(res, stringify([columns]));
      let afterId = 0;
      for (;;) {
        const loaders = createLoaders(source.ds, deps.config, source.currentRuns);
        const page = await customerTablePage({ ds: source.ds, config: deps.config, loaders, metricRuns }, filter, columns, afterId, EXPORT_PAGE);
        if (closed) return;
        const text = format === 'csv'
          ? stringify(page.rows.map((r) => columns.map((c) => r[c])), { cast: { boolean: (b) => (b ? 'true' : 'false') } })
          : page.rows.map((r) => `${JSON.stringify(r)}\n`).join('');
        await write(res, text);
        rows += page.rows.length;
        if (!page.hasNext || page.lastId === null) break;
        afterId = page.lastId;
      }
      res.end();
      await recordAudit(deps.ds, caller, requestId, [{ operation: `export:${segmentFromPath ? 'segment-members' : 'customers'}`, outcome: 'ok', counts: { rows } }]);
    } catch (err) {
      if (source.name === 'replica') deps.reads.reportFailure(err);
      if (started) {
        // Part of the file is out: cut the connection, so the client sees an incomplete download, not a short file.
        deps.log.error({ err, rows }, 'export failed part way');
        res.destroy();
        return;
      }
      if (err instanceof ExportRefused) return sendGraphqlError(res, err.status, err.code, err.message);
      const e = err as { extensions?: { code?: string; http?: { status?: number } }; message?: string };
      if (e.extensions?.code) return sendGraphqlError(res, e.extensions.http?.status ?? 400, e.extensions.code, String(e.message));
      deps.log.error({ err }, 'export failed');
      sendGraphqlError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error; the server log has the details.');
    } finally {
      if (counted) {
        const left = (running.get(caller.id) ?? 1) - 1;
        if (left > 0) running.set(caller.id, left);
        else running.delete(caller.id);
      }
    }
  };
  router.get('/export/customers.:format', handle(false));
  router.get('/export/segments/:key/members.:format', handle(true));
  return router;
}

/** Writes a chunk, waiting for the socket to drain when its buffer is full. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!chunk) return;
  if (!res.write(chunk)) await once(res, 'drain');
}

/** The `filter` parameter checked as GraphQL would check a CustomerFilter argument, personal-data rules included. */
function parseFilter(schema: GraphQLSchema, raw: unknown, caller: Principal, piiKeys: ReadonlySet<string>): CustomerFilter {
  if (raw === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(String(raw));
  } catch {
    throw new ExportRefused(400, 'BAD_USER_INPUT', 'filter: not valid JSON (a CustomerFilter, as in GraphQL)');
  }
  const problems: string[] = [];
  const filter = coerceInputValue(value, schema.getType('CustomerFilter') as GraphQLInputObjectType, (path, _v, error) => {
    problems.push(`filter${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}: ${error.message}`);
  }) as CustomerFilter;
  if (problems.length) throw new ExportRefused(400, 'BAD_USER_INPUT', problems.join('; '));
  if (!caller.can(Permission.PII_READ)) {
    const fields = Object.entries(filter).filter(([k, v]) => personalInputs[`CustomerFilter.${k}`]?.(v, piiKeys)).map(([k]) => k);
    if ((filter.traits ?? []).some((t) => personalInputs['TraitFilter.key']!(t.key, piiKeys))) fields.push('traits');
    if (fields.length) throw new ExportRefused(403, 'FORBIDDEN', `Forbidden: filtering by ${fields.join(', ')} reveals personal data and needs the permission "${Permission.PII_READ}".`);
  }
  return filter;
}
