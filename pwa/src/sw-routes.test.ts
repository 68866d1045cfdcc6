import { describe, expect, it } from 'vitest';
import { clientCacheName, isClientData, isReferenceData, isRuntimeConfig, withoutPartition } from './sw-routes.js';

const u = (s: string) => new URL(s);

describe('service worker routes', () => {
  it('treats population, importance and model endpoints as reference data', () => {
    for (const path of ['/v1/population/stats', '/v1/population/importance', '/v1/model', '/v1/model/metrics', '/v1/model/fairness', '/v1/model/drift']) {
      expect(isReferenceData(u(`http://127.0.0.1:8000${path}`))).toBe(true);
    }
    expect(isReferenceData(u('http://127.0.0.1:8000/v1/clients/1'))).toBe(false);
  });

  it('treats the client list and a client file, score and explanation as client data, also under a path prefix', () => {
    expect(isClientData(u('http://api.example/v1/clients?limit=50&q=10'))).toBe(true);
    expect(isClientData(u('http://api.example/scoring/v1/clients/100002'))).toBe(true);
    expect(isClientData(u('http://api.example/v1/clients/100002/explanation?top=10'))).toBe(true);
    expect(isClientData(u('http://api.example/v1/clients/100002/what-if'))).toBe(false);
    expect(isClientData(u('http://api.example/v1/clients/abc'))).toBe(false);
  });

  it('finds config.json in the service worker scope, under a sub-path too', () => {
    expect(isRuntimeConfig(u('http://127.0.0.1:5173/pad/config.json'), 'http://127.0.0.1:5173/pad/')).toBe(true);
    expect(isRuntimeConfig(u('http://127.0.0.1:5173/config.json'), 'http://127.0.0.1:5173/pad/')).toBe(false);
  });

  it('caches client data per user, and never for a request that names no valid user', () => {
    const partition = 'a1b2c3d4e5f6a1b2c3d4e5f6';
    const named = new Request('http://api.example/v1/clients/1', { headers: { 'x-pad-partition': partition, Authorization: 'Bearer t' } });
    expect(clientCacheName(named)).toBe(`pad-clients-${partition}`);
    expect(clientCacheName(new Request('http://api.example/v1/clients/1'))).toBeNull();
    expect(clientCacheName(new Request('http://api.example/v1/clients/1', { headers: { 'x-pad-partition': '../other' } }))).toBeNull();
    const forwarded = withoutPartition(named);
    expect(forwarded.headers.has('x-pad-partition')).toBe(false);
    expect(forwarded.headers.get('Authorization')).toBe('Bearer t');
    expect(forwarded.url).toBe(named.url);
  });

  it('never caches an unsaved application: no route for /v1/applications (its answers stay in the page)', () => {
    for (const path of ['/v1/applications', '/v1/applications?explain=true&top=10', '/v1/applications/what-if', '/v1/applications/batch', '/v1/applications/schema']) {
      expect(isClientData(u(`http://api.example${path}`)), path).toBe(false);
      expect(isReferenceData(u(`http://api.example${path}`)), path).toBe(false);
    }
  });
});
