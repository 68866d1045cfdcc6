import { describe, expect, it } from 'vitest';
import { navSection, parseRoute, routeHref } from './router.js';

describe('router', () => {
  it('parses the hash routes', () => {
    expect(parseRoute('')).toEqual({ name: 'clients' });
    expect(parseRoute('#/clients/')).toEqual({ name: 'clients' });
    expect(parseRoute('#/clients/100002')).toEqual({ name: 'client', id: 100002 });
    expect(parseRoute('#/model')).toEqual({ name: 'model' });
    expect(parseRoute('#/reviewed')).toEqual({ name: 'reviewed' });
    expect(parseRoute('#/applications/new')).toEqual({ name: 'new-application' });
  });

  it('sends unknown or malformed paths to not-found', () => {
    expect(parseRoute('#/clients/abc')).toEqual({ name: 'not-found', path: '/clients/abc' });
    expect(parseRoute('#/clients/0')).toEqual({ name: 'not-found', path: '/clients/0' });
    expect(parseRoute('#/nope')).toEqual({ name: 'not-found', path: '/nope' });
  });

  it('round-trips hrefs and maps a client to the Clients navigation entry', () => {
    for (const hash of ['#/clients', '#/clients/42', '#/model', '#/reviewed', '#/applications/new']) expect(routeHref(parseRoute(hash))).toBe(hash);
    expect(navSection({ name: 'client', id: 1 })).toBe('clients');
    expect(navSection({ name: 'not-found', path: '/x' })).toBeNull();
    expect(navSection({ name: 'new-application' })).toBe('new-application');
  });
});
