import { forbidden, unauthenticated } from '../graphql/app-error';
import { ApiScope, Role } from './role';

/** Who is making a request, resolved once from its bearer token. */
export type Viewer =
  | { readonly kind: 'anonymous'; readonly rejectedToken: boolean }
  | { readonly kind: 'staff'; readonly userId: string; readonly role: Role; readonly sessionId: string; readonly expiresAt: Date }
  | { readonly kind: 'visitor'; readonly contactId: string; readonly campaignId: string; readonly sessionId: string; readonly expiresAt: Date }
  | { readonly kind: 'apiKey'; readonly apiKeyId: string; readonly scopes: readonly ApiScope[] };

export type StaffViewer = Extract<Viewer, { kind: 'staff' }>;

export const ANONYMOUS: Viewer = Object.freeze({ kind: 'anonymous', rejectedToken: false });
export const REJECTED_TOKEN: Viewer = Object.freeze({ kind: 'anonymous', rejectedToken: true });

const STAFF_ROLES = [Role.ADMIN, Role.SUPERVISOR, Role.AGENT];

/** A staff member holding one of `roles`; otherwise UNAUTHENTICATED (no valid token) or FORBIDDEN. */
export function requireStaff(viewer: Viewer, roles: readonly Role[] = STAFF_ROLES): StaffViewer {
  if (viewer.kind === 'anonymous') throw unauthenticated();
  if (viewer.kind !== 'staff') throw forbidden('This operation is for staff accounts');
  if (!roles.includes(viewer.role)) throw forbidden(`This operation needs the role ${roles.join(' or ')}`);
  return viewer;
}

export const isManager = (viewer: Viewer): boolean =>
  viewer.kind === 'staff' && (viewer.role === Role.ADMIN || viewer.role === Role.SUPERVISOR);

/**
 * Staff and API keys that may read interactions: the side that may see staff details of a chat (agents' accounts,
 * routing, quality evaluation). Visitors, anonymous callers and other keys may not, even of a chat they started themselves.
 */
export const isStaffSide = (viewer: Viewer): boolean => viewer.kind === 'staff' || hasScope(viewer, ApiScope.INTERACTIONS_READ);

export function hasScope(viewer: Viewer, scope: ApiScope): boolean {
  return viewer.kind === 'apiKey' && viewer.scopes.includes(scope);
}
