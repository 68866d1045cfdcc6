/**
 * Hash routes: they work under any base path (GitHub Pages) and offline,
 * with no server-side fallback needed.
 */
export type Route =
  | { name: 'clients' }
  | { name: 'client'; id: number }
  | { name: 'model' }
  | { name: 'reviewed' }
  | { name: 'new-application' }
  | { name: 'not-found'; path: string };

export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/\/+$/, '') || '/';
  if (path === '/' || path === '/clients') return { name: 'clients' };
  if (path === '/model') return { name: 'model' };
  if (path === '/reviewed') return { name: 'reviewed' };
  if (path === '/applications/new') return { name: 'new-application' };
  const match = /^\/clients\/(\d{1,15})$/.exec(path);
  if (match) {
    const id = Number(match[1]);
    if (Number.isSafeInteger(id) && id > 0) return { name: 'client', id };
  }
  return { name: 'not-found', path };
}

export function routeHref(route: Route): string {
  switch (route.name) {
    case 'clients':
      return '#/clients';
    case 'client':
      return `#/clients/${route.id}`;
    case 'model':
      return '#/model';
    case 'reviewed':
      return '#/reviewed';
    case 'new-application':
      return '#/applications/new';
    case 'not-found':
      return `#${route.path}`;
  }
}

/** The navigation entry a route belongs to (for aria-current). */
export function navSection(route: Route): 'clients' | 'model' | 'reviewed' | 'new-application' | null {
  if (route.name === 'new-application') return 'new-application';
  if (route.name === 'clients' || route.name === 'client') return 'clients';
  if (route.name === 'model') return 'model';
  if (route.name === 'reviewed') return 'reviewed';
  return null;
}

export function navigate(route: Route): void {
  location.hash = routeHref(route);
}
