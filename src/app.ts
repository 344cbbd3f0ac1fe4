import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudAdapter, Middleware, TurnContext } from 'botbuilder';
import { CardRenderer } from './cards/cardRenderer.js';
import { CustomerAccountsBot } from './bot/customerAccountsBot.js';
import { LocaleMiddleware } from './bot/localeMiddleware.js';
import { PartnerCenterSignIn } from './bot/partnerCenterSignIn.js';
import { TeamsPersonalChats } from './bot/personalChats.js';
import { ReplyDelivery } from './bot/replyDelivery.js';
import { SecretCardExpiry } from './bot/secretCardExpiry.js';
import { RequestContextMiddleware, TurnContexts } from './bot/requestContext.js';
import { ChannelFeed } from './bot/channelFeed.js';
import { SubscriptionStore } from './feed/subscriptionStore.js';
import type { AccountEvents } from './feed/accountEvents.js';
import { SANDBOX_TENANT_ID, sandboxTenantsOf } from './bot/tenancy.js';
import { SECOND_SANDBOX_TENANT_ID } from './transfers/sandboxPartners.js';
import { remindExpiringTransfers } from './transfers/transferReminders.js';
import { fixedModel } from './rules/partnerModel.js';
import { partnerCenterModels } from './partnerCenter/partnerCenterModels.js';
import { ConversationTurnGuard } from './bot/turnGuard.js';
import { hasTurnLocale, setTurnLocale } from './bot/turnLocale.js';
import { isLocalSandbox, publicBaseUrl, type AppConfig } from './config.js';
import { backendOf } from './backends.js';
import { BotJobConversations } from './bot/jobConversations.js';
import { incomingFileOf } from './bot/attachments.js';
import { UserFileDownloads } from './exports/userDownloads.js';
import { JobRunner, type JobConversations } from './jobs/jobRunner.js';
import { createUsersSteps } from './flows/addUsers/createUsersJob.js';
import { assignLicencesSteps } from './flows/assignLicences/assignLicencesJob.js';
import { columnNamesFrom, USER_CSV_LIMITS } from './rules/userCsv.js';
import { LowdbCustomerDirectory } from './customers/lowdbCustomerDirectory.js';
import type { CustomerSummary } from './customers/customerQuery.js';
import type { CustomerBackend } from './customers/ports.js';
import { CustomerExport } from './exports/customerExport.js';
import { ExportLinks } from './exports/exportLinks.js';
import { CustomerSearch } from './extensions/customerSearch.js';
import { CommandRecognizer, type CommandPhrases } from './flows/commandRecognizer.js';
import type { Flow, PrivateChats } from './flows/flow.js';
import { FlowRouter } from './flows/flowRouter.js';
import { FlowSessions } from './flows/flowSessions.js';
import { createFlowRegistry, FLOWS, type FlowServices } from './flows/index.js';
import { StoredLanguagePreferences } from './flows/language/languagePreferences.js';
import { Menus } from './flows/menus.js';
import { Reply } from './flows/reply.js';
import { createI18n, loadLocaleResources } from './i18n/i18n.js';
import { LanguageNames } from './i18n/languageNames.js';
import { Localizer } from './i18n/localizer.js';
import type { Logger } from './logger.js';
import { projectRoot } from './paths.js';
import { ConfiguredRoleDirectory, PARTNER_CENTER_DECIDES, readRoleAssignments } from './permissions/roleDirectory.js';
import { openStateStores } from './storage/stateStores.js';
import { RedisOnceClaims } from './concurrency/activityClaims.js';
import { sharedWorkOf } from './sharedWork.js';

/** Flow state idle for longer than this is forgotten. */
const FLOW_STATE_TTL_MS = 24 * 60 * 60_000;
const SWEEP_INTERVAL_MS = 60 * 60_000;
/** How long shutdown waits for running turns before it writes state and closes (SIGTERM to exit stays under 10 s). */
const TURN_DRAIN_MS = 5_000;
/** How long the temporary passwords' download link works. */
const ONE_TIME_FILE_TTL_MS = 15 * 60_000;
/** A reminded transfer request is remembered past its expiry (requests expire after 30 days). */
const REMINDED_FOR_MS = 31 * 24 * 60 * 60_000;

/** Replaceable parts, for tests. */
export interface AppOverrides {
  /** Stands in for the backend the configuration chooses. */
  backend?: CustomerBackend;
  /** The embedded backend's store (seeded with the demo data as the default one is). */
  store?: LowdbCustomerDirectory;
  /** Flows replaced by id (tests put stand-ins in place of a registered flow). */
  flows?: Record<string, (services: FlowServices) => Flow>;
  now?: () => Date;
  /** Clock of export links and one-time files (tests make them expire). */
  linkClock?: () => number;
  /** How often a running job's card is updated (tests: often). */
  jobProgressMs?: number;
  /** How often Partner Center's customer list is read again (tests: at once). */
  partnerCenterRefreshMs?: number;
  /** How often pending transfer requests near their expiry are looked for (default hourly; tests: often). */
  transferReminderMs?: number;
}

/** The bot with everything it needs, independent of the adapter that feeds it turns. */
export interface BotRuntime {
  bot: CustomerAccountsBot;
  exports: CustomerExport;
  userFiles: UserFileDownloads;
  /** The bulk jobs (adding users, licences) running in the background. */
  jobs: JobRunner;
  /** Where account changes are published (the flows do; tests and a future Partner Center webhook may too); `idle` waits for their notices. */
  events: AccountEvents & { idle(): Promise<void> };
  /** Register on the adapter in this order. */
  middleware: Middleware[];
  onTurnError: (context: TurnContext, error: Error) => Promise<void>;
  /** Lets flows open personal chats through this adapter (without it, a private flow in a shared chat is refused with an explanation). */
  connect(adapter: CloudAdapter, appId: string): void;
  /** `/healthz`: the version, the backend, and whether the state store answers. */
  health: () => Promise<Record<string, unknown>>;
  /** Which customer backend serves (`local` or `partnercenter`). */
  backendKind: string;
  /** Puts every change made so far on disk (state is otherwise written shortly after each turn). */
  flush(): Promise<void>;
  /** Lets running turns finish and flushes storage. */
  close(): Promise<void>;
}

/** The composition root: wires config, storage, services and the bot. Nothing else constructs them. */
export async function createRuntime(config: AppConfig, logger: Logger, overrides: AppOverrides = {}): Promise<BotRuntime> {
  const root = projectRoot();
  const now = overrides.now ?? (() => new Date());
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;

  const resources = loadLocaleResources(path.join(root, 'locales'));
  const i18n = createI18n(resources, (language, key) => logger.warn({ language, key }, 'missing translation'));
  const cards = new CardRenderer(path.join(root, 'cards'), i18n, { appIconFile: path.join(root, 'manifest', 'color.png') });

  const dataDir = path.resolve(config.DATA_DIR);
  const onWriteError = (err: unknown) => logger.error({ err }, 'bot state could not be written to disk');
  const { stores, embedded } = await openStateStores({ STATE_STORE: config.STATE_STORE, REDIS_URL: config.REDIS_URL, dataDir, conversationTtlMs: FLOW_STATE_TTL_MS, onWriteError }, {
    embeddedBackend: config.CUSTOMER_BACKEND === 'local' && !overrides.backend,
    onLost: (err: unknown) => logger.error({ err }, 'this instance lost its claim on the embedded data'),
  });
  const { conversations: conversationStorage, users: userStorage, feeds: feedStorage } = stores;
  // The feed is made after the backend: customers that arrive in Partner Center (invitations accepted) reach it through this.
  let announceArrivals: (tenantId: string, customers: CustomerSummary[]) => void = () => {};
  // With Redis, the instances share Partner Center's budget per tenant and remind of each transfer once between them.
  const reminded = stores.redis ? new RedisOnceClaims(stores.redis, 'reminded', REMINDED_FOR_MS) : undefined;
  const shared = stores.redis && reminded ? { redis: stores.redis, remindOnce: (id: string) => reminded.first(id) } : undefined;
  const backend = await backendOf(config, { ...overrides, onCustomersArrived: (tenantId, customers) => announceArrivals(tenantId, customers), ...(shared ? { shared } : {}) }, dataDir, logger, now);

  const preferences = new StoredLanguagePreferences(userStorage);
  const localizer = new Localizer(i18n, config.DEFAULT_LOCALE);
  const exportSecret = config.EXPORT_LINK_SECRET ? Buffer.from(config.EXPORT_LINK_SECRET, 'utf8') : ExportLinks.randomSecret();
  const links = new ExportLinks(exportSecret, config.EXPORT_LINK_TTL_MINUTES * 60_000, overrides.linkClock);
  // With Redis, what a link, a hide or a job needs is there, so any instance serves it.
  const work = sharedWorkOf({ config, stores, dataDir, logger, oneTimeFileTtlMs: ONE_TIME_FILE_TTL_MS, ...(overrides.linkClock ? { linkClock: overrides.linkClock } : {}) });
  const { oneTimeFiles, jobStore, audit } = work;
  const exports = new CustomerExport(backend, links, i18n, publicBaseUrl(config), work.snapshots);
  const secretCards = new SecretCardExpiry({ afterMs: config.PASSWORD_CARD_SECONDS * 1000, logger, queue: work.hides });
  const delivery = new ReplyDelivery({ cards, localizer, logger, secretCards });
  const signIn = new PartnerCenterSignIn({ ...(backend.kind === 'partnercenter' ? { connectionName: config.PARTNER_CENTER_CONNECTION } : {}), logger });
  const sandboxTenants = sandboxTenantsOf(config.SANDBOX_TENANT_IDS, isLocalSandbox(config, backend.kind));
  const turns = new TurnContexts(now, (context) => signIn.credentialsOf(context), sandboxTenants);
  const feed = new ChannelFeed({ store: new SubscriptionStore(feedStorage, stores.turns), notices: work.notices, delivery, localizer, logger, turnOf: (ctx) => turns.turnOf(ctx) });
  announceArrivals = (tenantId, customers) => {
    for (const c of customers) feed.publish({ kind: 'invitationAccepted', tenantId, customerId: c.id, companyName: c.companyName, domain: c.domain, actorName: '', at: now().toISOString() });
  };
  const jobSteps = { createUsers: createUsersSteps({ users: backend.users, audit, events: feed }), assignLicences: assignLicencesSteps({ licences: backend.licences, audit }) };
  // Until an adapter is connected (TestAdapter runs), a job has no conversation to report to.
  let jobConversations: JobConversations = { capture: () => undefined, answered: async () => {}, post: async () => {}, credentials: () => ({ accessToken: () => Promise.reject(new Error('no adapter')), invalidate: async () => {} }) };
  const jobs = new JobRunner({ store: jobStore, dispatch: work.jobDispatch, steps: jobSteps, conversations: () => jobConversations, files: oneTimeFiles, publicBaseUrl: publicBaseUrl(config), localizer, logger, progressEveryMs: overrides.jobProgressMs ?? 3_000, now });
  const columns = columnNamesFrom(Object.values(resources).map((ns) => ns.common as Parameters<typeof columnNamesFrom>[0][number]));
  const sampleUrl = (language: string, domain: string) => `${publicBaseUrl(config)}/samples/users.csv?language=${encodeURIComponent(language)}&domain=${encodeURIComponent(domain)}`;
  const backPhrases = Object.values(resources).flatMap((ns) => (ns.commands as { wizardBack?: string[] }).wizardBack ?? []);
  const flows = overrides.flows ?? {};
  // The setting wins; without it, Partner Center says (the embedded backend's partner sells directly).
  const partnerModels = config.PARTNER_MODEL ? fixedModel(config.PARTNER_MODEL) : backend.kind === 'partnercenter' ? partnerCenterModels(backend.indirect) : fixedModel('direct');
  const registry = createFlowRegistry(
    { backend, audit, exports, cloud: config.PARTNER_CLOUD, endRelationshipRoles: config.END_RELATIONSHIP_ROLES, updateCustomerRoles: config.UPDATE_CUSTOMER_ROLES, partnerModels, addUsersRoles: config.ADD_USERS_ROLES, transferRoles: config.TRANSFER_ROLES, jobs, jobStore, columns, sampleUrl, backPhrases, localizer, preferences, languageNames: new LanguageNames(resources), events: feed, feed },
    FLOWS.map((create) => (services: FlowServices) => {
      const flow = create(services);
      return flows[flow.id]?.(services) ?? flow;
    }),
  );
  const menus = new Menus(backend.list, () => registry, partnerModels);
  const recognizer = new CommandRecognizer(Object.fromEntries(Object.entries(resources).map(([lng, ns]) => [lng, ns.commands])) as CommandPhrases, registry.commands);
  const assignments = config.ROLE_ASSIGNMENTS_FILE ? readRoleAssignments(path.resolve(config.ROLE_ASSIGNMENTS_FILE)) : {};
  // In Partner Center mode the user's Partner Center role decides; a role file, if given, can only restrict further.
  const roles =
    backend.kind === 'partnercenter' && !config.ROLE_ASSIGNMENTS_FILE ? PARTNER_CENTER_DECIDES : new ConfiguredRoleDirectory(assignments, [SANDBOX_TENANT_ID, SECOND_SANDBOX_TENANT_ID], config.SANDBOX_ROLES);
  // Until an adapter is connected (TestAdapter runs), no personal chat can be opened.
  let privateChats: PrivateChats = { open: async () => 'unavailable' };
  const router = new FlowRouter({
    registry,
    sessions: new FlowSessions(conversationStorage),
    menus,
    recognizer,
    roles,
    privateChats: { open: (ctx, run) => privateChats.open(ctx, run) },
  });
  const contextOf = (context: TurnContext) => turns.contextOf(context);
  const botChatLink = (command: string) => `https://teams.microsoft.com/l/chat/0/0?users=28:${config.MicrosoftAppId ?? ''}&message=${encodeURIComponent(command)}`;
  const search = new CustomerSearch(backend, botChatLink);
  // Plain http attachment links (the Emulator's) only without app credentials: a developer's machine.
  const fileOf = (activity: TurnContext['activity']) => incomingFileOf(activity, { maxBytes: USER_CSV_LIMITS.maxBytes, allowHttp: !config.MicrosoftAppId });
  const bot = new CustomerAccountsBot({ router, menus, delivery, search, signIn, contextOf, fileOf });

  const locale = new LocaleMiddleware(localizer, preferences);
  const turnGuard = new ConversationTurnGuard(logger, { claims: stores.claims, turns: stores.turns, prepare: (context) => locale.resolve(context) });
  const onTurnError = async (context: TurnContext, error: Error) => {
    // The error alone, through the logger's safe serializer: never the activity's text, the card's inputs or the flow's state.
    logger.error({ err: error, activityType: context.activity.type, conversationId: context.activity.conversation?.id }, 'turn failed');
    try {
      if (!hasTurnLocale(context)) setTurnLocale(context, localizer.fromActivity(context.activity));
      const ctx = contextOf(context);
      const reply = Reply.for(ctx);
      if (await stores.ping()) {
        // Drop the broken flow so the next message starts clean (best effort: the user hears of the failure either way).
        await router.reset(ctx).catch((err: unknown) => logger.warn({ err }, 'the failed flow could not be dropped'));
        menus.error(ctx, reply);
      } else {
        // Redis does not answer: the flow cannot be dropped, and the user is told to try again rather than to start over.
        menus.storeUnavailable(ctx, reply);
      }
      await delivery.send(context, reply, ctx);
    } catch (reportError) {
      logger.error({ err: reportError }, 'could not report a turn failure to the user');
    }
  };

  const sweep = () =>
    Promise.all([conversationStorage.sweepExpired(), jobStore.sweep()]).then(
      ([removed, jobsRemoved]) => removed + jobsRemoved > 0 && logger.info({ removed, jobsRemoved }, 'expired flow state and finished jobs removed'),
      (err: unknown) => logger.warn({ err }, 'flow state sweep failed'),
    );
  void sweep();
  const sweeper = setInterval(sweep, SWEEP_INTERVAL_MS).unref();
  const remind = () => void remindExpiringTransfers(backend.transfers, feed, now()).catch((err: unknown) => logger.warn({ err }, 'transfer reminders failed'));
  // The first look comes one interval after start (a channel can subscribe before it).
  const reminder = setInterval(remind, overrides.transferReminderMs ?? SWEEP_INTERVAL_MS).unref();
  const flush = async () => {
    await Promise.all([conversationStorage.flush(), userStorage.flush(), feedStorage.flush(), backend.flush(), audit.flush()]);
  };

  return {
    bot,
    exports,
    userFiles: new UserFileDownloads(oneTimeFiles, i18n),
    jobs,
    events: feed,
    middleware: [turnGuard, locale, new RequestContextMiddleware(turns)],
    onTurnError,
    connect(adapter, appId) {
      privateChats = new TeamsPersonalChats({ adapter, appId, delivery, logger, turnOf: (ctx) => turns.turnOf(ctx) });
      feed.connect(adapter, appId);
      secretCards.connect(adapter, appId);
      jobConversations = new BotJobConversations({ adapter, appId, turns, delivery, signIn, localizer, logger });
      // Jobs a stopped process left half done go on, with their own request ids.
      void jobs.resume().catch((err: unknown) => logger.error({ err }, 'bulk jobs could not be resumed'));
    },
    backendKind: backend.kind,
    health: async () => {
      const store = { kind: stores.kind, answers: await stores.ping() };
      return { status: store.answers ? 'ok' : 'degraded', version, backend: backend.kind, store };
    },
    flush,
    async close() {
      clearInterval(sweeper);
      clearInterval(reminder);
      // Running turns get a bounded time to finish (a channel that never answers must not keep the process up).
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([Promise.all([turnGuard.idle(), feed.close(), jobs.stop().then(() => backend.close())]), new Promise<void>((resolve) => (timer = setTimeout(resolve, TURN_DRAIN_MS)))]);
      clearTimeout(timer);
      await flush();
      await secretCards.close();
      await embedded.release();
      await stores.close();
    },
  };
}
