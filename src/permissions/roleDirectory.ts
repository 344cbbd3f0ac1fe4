import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PARTNER_ROLES, type PartnerRole } from '../rules/permissions.js';

/** Where a partner user's roles come from. Partner Center keeps them in Entra groups; this bot reads a file. */
export interface RoleDirectory {
  rolesOf(partnerTenantId: string, userId: string): Promise<PartnerRole[]>;
  /** Where this tenant's roles come from, so a refused user is told how to get one here. */
  sourceOf(partnerTenantId: string): RoleSource;
}

/** The sandbox's SANDBOX_ROLES, the role file (ROLE_ASSIGNMENTS_FILE), or the user's role in Partner Center. */
export type RoleSource = 'sandbox' | 'file' | 'partnerCenter';

/** `{ "<partner tenant id>": { "<user's Entra object id or channel id>": ["adminAgent", …] } }` */
const assignmentsSchema = z.record(z.string(), z.record(z.string(), z.array(z.enum(PARTNER_ROLES))));
export type RoleAssignments = z.infer<typeof assignmentsSchema>;

/** Reads ROLE_ASSIGNMENTS_FILE; a malformed file stops the start with a message naming it. */
export function readRoleAssignments(file: string): RoleAssignments {
  const parsed = assignmentsSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
  if (!parsed.success) throw new Error(`ROLE_ASSIGNMENTS_FILE ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Roles from configured assignments. Users of the local sandbox tenant (the
 * Emulator, demo data) get `sandboxRoles` unless assigned others; anyone else
 * has no role until assigned, so nothing destructive is allowed by default.
 */
export class ConfiguredRoleDirectory implements RoleDirectory {
  constructor(
    private readonly assignments: RoleAssignments,
    private readonly sandboxTenantIds: readonly string[],
    private readonly sandboxRoles: readonly PartnerRole[],
  ) {}

  async rolesOf(partnerTenantId: string, userId: string): Promise<PartnerRole[]> {
    const assigned = this.assignments[partnerTenantId]?.[userId];
    if (assigned) return [...assigned];
    return this.sandboxTenantIds.includes(partnerTenantId) ? [...this.sandboxRoles] : [];
  }

  sourceOf(partnerTenantId: string): RoleSource {
    return this.sandboxTenantIds.includes(partnerTenantId) ? 'sandbox' : 'file';
  }
}

/**
 * Partner Center decides (Partner Center mode without a role file): every
 * role passes the bot's own check, and Partner Center's refusal of a call
 * the user's role does not allow is what the user is told.
 */
export const PARTNER_CENTER_DECIDES: RoleDirectory = { rolesOf: async () => [...PARTNER_ROLES], sourceOf: () => 'partnerCenter' };
