import { z } from 'zod';
import { SUPPORTED_LANGUAGES } from './i18n/languages.js';
import { PARTNER_MODELS } from './rules/partnerModel.js';
import { PARTNER_CLOUDS } from './rules/clouds.js';
import { PARTNER_ROLES } from './rules/permissions.js';

/** Empty strings in the environment mean "not set" (as in a copied .env.example). */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const booleanFlag = z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => ['true', '1', 'yes'].includes(v));

/** A comma-separated list of Partner Center roles, e.g. `adminAgent,globalAdmin`. */
const roleList = z
  .string()
  .transform((v) => v.split(',').map((role) => role.trim()).filter(Boolean))
  .pipe(z.array(z.enum(PARTNER_ROLES, { message: `each role must be one of ${PARTNER_ROLES.join(', ')}` })));

const envSchema = z
  .object({
    PORT: optional(z.coerce.number().int().min(1).max(65535)).default(3978),
    DATA_DIR: optional(z.string()).default('./data'),
    /** Where bot state lives: `local` (files under DATA_DIR, one instance) or `redis` (REDIS_URL, shared by every instance). */
    STATE_STORE: optional(z.enum(['local', 'redis'])).default('local'),
    REDIS_URL: optional(z.url({ protocol: /^rediss?$/, message: 'must be a redis:// or rediss:// URL, e.g. redis://localhost:6379' })),
    /** With Redis: how long a running bulk job stays with an instance that stopped answering before another takes it over. */
    JOB_LEASE_SECONDS: optional(z.coerce.number().int().min(2).max(300)).default(30),
    LOG_LEVEL: optional(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])).default('info'),
    DEFAULT_LOCALE: optional(z.enum(SUPPORTED_LANGUAGES)),
    SEED_DEMO_DATA: optional(booleanFlag).default(true),
    PARTNER_CLOUD: optional(z.enum(PARTNER_CLOUDS)).default('public'),
    /** Unset: `direct` with the embedded backend, what Partner Center says with Partner Center. */
    PARTNER_MODEL: optional(z.enum(PARTNER_MODELS)),
    /** Partner Center's `transferType` for transfers: its docs say 3 in one place and 5 ("standardize on 5") in another. */
    TRANSFER_TYPE: optional(z.enum(['3', '5'])).default('5'),
    TRANSFER_ROLES: optional(roleList).default(['adminAgent', 'globalAdmin']),
    ROLE_ASSIGNMENTS_FILE: optional(z.string()),
    END_RELATIONSHIP_ROLES: optional(roleList).default(['adminAgent', 'globalAdmin']),
    UPDATE_CUSTOMER_ROLES: optional(roleList).default(['adminAgent', 'globalAdmin']),
    ADD_USERS_ROLES: optional(roleList).default(['adminAgent', 'globalAdmin']),
    SANDBOX_ROLES: optional(roleList).default(['adminAgent']),
    /** Tenant ids (comma-separated) the local sandbox serves besides tenant-less traffic, or `none`; unset: the local test tools' fixed ids, and only without app credentials. */
    SANDBOX_TENANT_IDS: optional(z.string().max(4000)),
    PUBLIC_BASE_URL: optional(z.url({ protocol: /^https?$/, message: 'must be an http(s) URL, e.g. https://bot.example.com' })),
    EXPORT_LINK_SECRET: optional(z.string().min(32, { message: 'must be at least 32 characters' })),
    EXPORT_LINK_TTL_MINUTES: optional(z.coerce.number().int().min(1).max(24 * 60)).default(15),
    CONNECTOR_TIMEOUT_SECONDS: optional(z.coerce.number().min(0.1).max(60)).default(15),
    // Above the idle timeout of the load balancer in front (AWS ALB 60 s): an idle connection is closed by it, never by the bot under its feet.
    HTTP_KEEP_ALIVE_SECONDS: optional(z.coerce.number().int().min(1).max(3600)).default(75),
    /** How long a new customer's temporary password stays on its card in Teams before the card is updated without it. */
    PASSWORD_CARD_SECONDS: optional(z.coerce.number().int().min(1).max(3600)).default(600),
    CUSTOMER_BACKEND: optional(z.enum(['local', 'partnercenter'])).default('local'),
    PARTNER_CENTER_API_URL: optional(z.url({ protocol: /^https?$/, message: 'must be the Partner Center API root (without /v1), e.g. https://api.partnercenter.microsoft.com' })),
    PARTNER_CENTER_CONNECTION: optional(z.string().max(256)),
    PARTNER_CENTER_TIMEOUT_SECONDS: optional(z.coerce.number().min(0.1).max(120)).default(30),
    /** Requests per partner tenant per minute the bot sends to Partner Center (all instances together with Redis); below Partner Center's ~500. */
    PARTNER_CENTER_REQUESTS_PER_MINUTE: optional(z.coerce.number().int().min(10).max(5000)).default(300),
    /** botbuilder's own setting for the Bot Framework token service (tests point it at a stand-in). */
    OAuthApiEndpoint: optional(z.url({ protocol: /^https?$/, message: 'must be the Bot Framework token service URL' })),
    MicrosoftAppId: optional(z.uuid({ message: 'must be the bot registration\'s application (client) id, a GUID' })),
    MicrosoftAppPassword: optional(z.string()),
    MicrosoftAppType: optional(z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])),
    MicrosoftAppTenantId: optional(z.uuid({ message: 'must be a tenant id (GUID)' })),
  })
  .superRefine((env, ctx) => {
    const needsTenant = env.MicrosoftAppType === 'SingleTenant' || env.MicrosoftAppType === 'UserAssignedMSI';
    if (needsTenant && !env.MicrosoftAppTenantId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppTenantId'], message: `is required when MicrosoftAppType is ${env.MicrosoftAppType}` });
    }
    if (env.MicrosoftAppPassword && !env.MicrosoftAppId) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppId'], message: 'is required when MicrosoftAppPassword is set' });
    }
    if (env.CUSTOMER_BACKEND === 'partnercenter' && !env.PARTNER_CENTER_CONNECTION) {
      ctx.addIssue({ code: 'custom', path: ['PARTNER_CENTER_CONNECTION'], message: 'is required when CUSTOMER_BACKEND is partnercenter: the name of the Azure Bot OAuth connection for Partner Center' });
    }
    if (env.STATE_STORE === 'redis' && !env.REDIS_URL) {
      ctx.addIssue({ code: 'custom', path: ['REDIS_URL'], message: 'is required when STATE_STORE is redis' });
    }
    // Several instances: a link one instance signed must verify on every other.
    if (env.STATE_STORE === 'redis' && env.MicrosoftAppId && !env.EXPORT_LINK_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['EXPORT_LINK_SECRET'], message: 'is required when STATE_STORE is redis and app credentials are set: every instance must verify the links another signed' });
    }
    if (env.MicrosoftAppId && env.MicrosoftAppType !== 'UserAssignedMSI' && !env.MicrosoftAppPassword) {
      ctx.addIssue({ code: 'custom', path: ['MicrosoftAppPassword'], message: 'is required when MicrosoftAppId is set' });
    }
  });

export type AppConfig = z.infer<typeof envSchema>;

/** Thrown when the environment is invalid; the message names each bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and validates configuration once, at start. */
export function loadConfig(env: NodeJS.ProcessEnv): AppConfig {
  const result = envSchema.safeParse(env);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((i) => `${i.path.join('.') || '(environment)'}: ${i.message}`));
  }
  return result.data;
}

/** Where export links point: PUBLIC_BASE_URL without a trailing slash, else this machine. */
export const publicBaseUrl = (config: AppConfig): string => (config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, '');

/** Partner Center's API root for the cloud, unless PARTNER_CENTER_API_URL names another (without `/v1`, no trailing slash). */
export const partnerCenterApiUrl = (config: AppConfig): string =>
  (config.PARTNER_CENTER_API_URL ?? (config.PARTNER_CLOUD === 'china' ? 'https://partner.partnercenterapi.microsoftonline.cn' : 'https://api.partnercenter.microsoft.com')).replace(/\/+$/, '').replace(/\/v1$/, '');

/** Whether the bot runs without a Bot Framework registration (Emulator, local tests). */
export const isAnonymous = (config: AppConfig): boolean => !config.MicrosoftAppId;

/**
 * Whether only local tools can reach the bot (no registration) and it keeps the embedded sandbox's data: then
 * the second sandbox partner has its endpoint and the test tools' fake tenants are the sandbox's.
 */
export const isLocalSandbox = (config: AppConfig, backendKind: string): boolean => isAnonymous(config) && backendKind === 'local';
