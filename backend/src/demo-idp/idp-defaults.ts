/** Settings of the demo provider shared with `make token` (which must not load oidc-provider itself). */
export const idpDefaults = {
  port: 9400,
  audience: 'pad-scoring-api',
  /** The resource indicator (RFC 8707) of the API; tokens for it are JWTs. */
  resource: 'urn:pad:scoring-api',
  /** Short on purpose: the dashboard renews silently with its refresh token. */
  accessTokenTtlSeconds: 600,
  sessionTtlSeconds: 8 * 3600,
  dashboardRedirects: ['http://127.0.0.1:5173/', 'http://localhost:5173/', 'http://127.0.0.1:4173/', 'http://localhost:4173/'],
} as const;
