/**
 * The API's scopes (shared decision with the other branches) and how a token's
 * claims map onto them. Providers spell scopes differently: Keycloak and the
 * demo provider send `scope` (space-separated), Entra ID sends delegated
 * scopes in `scp` and application roles in `roles`; OIDC_SCOPE_ALIASES maps
 * the provider's names onto ours.
 */
export const SCOPES = {
  clientsRead: 'clients:read',
  applicationsScore: 'applications:score',
  applicationsBatch: 'applications:batch',
  auditRead: 'audit:read',
  metricsRead: 'metrics:read',
  /** Record a review of a client (advisors, supervisors). */
  reviewsWrite: 'reviews:write',
  /** See every advisor's reviews, not only one's own (supervisors). */
  reviewsReadAll: 'reviews:read-all',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

export const ALL_SCOPES: readonly Scope[] = Object.values(SCOPES);

/** What a route needs: one scope, or just a valid token ('signed-in'). */
export type Need = Scope | 'signed-in';

/** Scopes each demo role holds (the embedded provider and `make token` use the same table). */
export const ROLE_SCOPES = {
  advisor: [SCOPES.clientsRead, SCOPES.applicationsScore, SCOPES.reviewsWrite],
  supervisor: [SCOPES.clientsRead, SCOPES.applicationsScore, SCOPES.auditRead, SCOPES.metricsRead, SCOPES.reviewsWrite, SCOPES.reviewsReadAll],
  tool: [SCOPES.applicationsBatch],
} as const satisfies Record<string, readonly Scope[]>;

export function isScope(value: string): value is Scope {
  return (ALL_SCOPES as readonly string[]).includes(value);
}

function claimValues(claim: unknown): string[] {
  if (typeof claim === 'string') return claim.split(' ').filter((s) => s !== '');
  if (Array.isArray(claim)) return claim.filter((s): s is string => typeof s === 'string');
  return [];
}

/** The API scopes a token grants, from `scope`, `scp` and `roles`, through the aliases. */
export function grantedScopes(claims: Record<string, unknown>, aliases: Readonly<Record<string, Scope>> = {}): Set<Scope> {
  const granted = new Set<Scope>();
  for (const name of [...claimValues(claims['scope']), ...claimValues(claims['scp']), ...claimValues(claims['roles'])]) {
    const mapped = aliases[name] ?? (isScope(name) ? name : undefined);
    if (mapped !== undefined) granted.add(mapped);
  }
  return granted;
}
