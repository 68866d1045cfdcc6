/** /openapi.json and /docs (HTML from the same document), open to all; /metrics (metrics:read). */
import type Router from '@koa/router';
import type { AppDeps } from '../app-types.js';
import type { Guard } from '../auth/guard.js';
import { SCOPES } from '../auth/scopes.js';
import { renderDocsPage } from '../docs/docs-page.js';
import { sendStaticDoc, staticDoc } from '../http/static-doc.js';
import { buildOpenApi } from '../schemas/openapi.js';

export function metaRoutes(router: Router, deps: AppDeps, auth: Guard): void {
  const openapi = buildOpenApi(deps.model.modelVersion, deps.applications?.schema);
  const openapiDoc = staticDoc(openapi);
  const page = renderDocsPage(openapi);
  const csp = `default-src 'none'; style-src ${page.styleHash}; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

  router.get('/openapi.json', (ctx) => sendStaticDoc(ctx, openapiDoc));
  router.get('/docs', (ctx) => {
    ctx.set('Content-Security-Policy', csp);
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'text/html; charset=utf-8';
    ctx.body = page.html;
  });
  router.get('/metrics', auth.need(SCOPES.metricsRead), (ctx) => {
    ctx.type = 'text/plain; version=0.0.4; charset=utf-8';
    ctx.body = deps.metrics.render(deps.state.ready);
  });
}
