/**
 * The routed pages. Each page is a chunk of its own, loaded when its route is first shown (main.ts
 * starts loading the first route's page while the app is still reading its config and signing in),
 * so the first load carries only the shell and that one page.
 *
 * Adding a page: its route in router.ts, then one entry here (module, element, title).
 */
import { html, type TemplateResult } from 'lit';
import { fill, msg } from './i18n/i18n.js';
import type { Route } from './router.js';

type PageName = Exclude<Route['name'], 'not-found'>;
type RouteOf<N extends PageName> = Extract<Route, { name: N }>;

export interface PageEntry<N extends PageName> {
  /** Import the page's module (it defines the element); the module system memoises it. */
  load: () => Promise<unknown>;
  view: (route: RouteOf<N>) => TemplateResult;
  title: (route: RouteOf<N>) => string;
}

export const pages: { [N in PageName]: PageEntry<N> } = {
  clients: { load: () => import('./pages/clients-page.js'), view: () => html`<clients-page></clients-page>`, title: () => msg().clients.title },
  client: { load: () => import('./pages/client-page.js'), view: (r) => html`<client-page .clientId=${r.id}></client-page>`, title: (r) => fill(msg().client.title, { id: r.id }) },
  model: { load: () => import('./pages/model-page.js'), view: () => html`<model-page></model-page>`, title: () => msg().model.title },
  reviewed: { load: () => import('./pages/reviewed-page.js'), view: () => html`<reviewed-page></reviewed-page>`, title: () => msg().reviewed.title },
  'new-application': { load: () => import('./pages/application-page.js'), view: () => html`<application-page></application-page>`, title: () => msg().application.title },
};

/** A route's page, its view and title bound to that route; null for a route without a page (not found). */
export function pageOf(route: Route): { load: () => Promise<unknown>; view: () => TemplateResult; title: () => string } | null {
  if (route.name === 'not-found') return null;
  // One entry per name, typed by it: the cast only forgets the link between `route` and `pages[route.name]`.
  const entry = pages[route.name] as unknown as PageEntry<PageName>;
  const r = route as RouteOf<PageName>;
  return { load: entry.load, view: () => entry.view(r), title: () => entry.title(r) };
}
