/** Partner Center roles (domain.md §2). */
export const PARTNER_ROLES = ['globalAdmin', 'adminAgent', 'salesAgent', 'helpdeskAgent', 'billingAdmin', 'userManagementAdmin'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

/** The actions the bot guards. */
export type GuardedAction = 'endRelationship';

/** Who may do what unless configured otherwise: ending a relationship takes an Admin agent or a Global admin. */
export const DEFAULT_ALLOWED: Record<GuardedAction, readonly PartnerRole[]> = {
  endRelationship: ['adminAgent', 'globalAdmin'],
};

/** The one permission decision: does any of the user's roles allow the action? */
export const isAllowed = (roles: readonly PartnerRole[], allowed: readonly PartnerRole[]): boolean => roles.some((role) => allowed.includes(role));
