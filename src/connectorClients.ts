import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';
import {
  AuthenticationConstants,
  ClaimsIdentity,
  ConnectorFactory,
  JwtTokenValidation,
  type AuthenticateRequestResult,
  type ConnectorClient,
  type UserTokenClient,
} from 'botframework-connector';
import type { Activity } from 'botbuilder';
import { LRUCache } from 'lru-cache';

/** Distinct (app, serviceUrl, audience) clients kept; Teams uses a handful of service URLs. */
const MAX_CONNECTOR_CLIENTS = 64;
const MAX_TOKEN_CLIENTS = 8;

/**
 * botbuilder's CloudAdapter builds a new ConnectorClient and UserTokenClient,
 * each with its own HTTP pipeline, on every turn; that was about a tenth of a
 * turn's CPU here. These clients hold no per-turn state (the credentials cache
 * their tokens per app), so this authentication hands out one per app id,
 * service URL and audience, as botbuilder's older BotFrameworkAdapter did.
 * The caches are bounded: a forged activity can name any serviceUrl.
 */
export class ReusingBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new LRUCache<string, Promise<ConnectorClient>>({ max: MAX_CONNECTOR_CLIENTS });
  private readonly tokenClients = new LRUCache<string, Promise<UserTokenClient>>({ max: MAX_TOKEN_CLIENTS });

  /** `requestTimeoutMs` bounds every call to the channel: a connector that never answers must not hold a conversation's turns forever. */
  constructor(options: ConfigurationBotFrameworkAuthenticationOptions, private readonly requestTimeoutMs: number) {
    super(options);
  }

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusingFactory(await super.authenticateRequest(activity, authHeader));
  }

  override async authenticateStreamingRequest(authHeader: string, channelIdHeader: string): Promise<AuthenticateRequestResult> {
    return this.withReusingFactory(await super.authenticateStreamingRequest(authHeader, channelIdHeader));
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.reusing(super.createConnectorFactory(claimsIdentity), claimsIdentity);
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    // Without an app id (the Emulator, local tests) botbuilder's client holds `undefined` as its id and refuses to build a sign-in link: give it ''.
    const identity = JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims)
      ? claimsIdentity
      : new ClaimsIdentity([...claimsIdentity.claims, { type: AuthenticationConstants.AppIdClaim, value: '' }], claimsIdentity.isAuthenticated);
    return remembered(this.tokenClients, appIdOf(claimsIdentity), () => super.createUserTokenClient(identity));
  }

  private withReusingFactory(result: AuthenticateRequestResult): AuthenticateRequestResult {
    return result.connectorFactory ? { ...result, connectorFactory: this.reusing(result.connectorFactory, result.claimsIdentity) } : result;
  }

  private reusing(inner: ConnectorFactory, claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const appId = appIdOf(claimsIdentity);
    const { connectors, requestTimeoutMs } = this;
    return new (class extends ConnectorFactory {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return remembered(connectors, `${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => withTimeout(await inner.create(serviceUrl, audience), requestTimeoutMs));
      }
    })();
  }
}

/**
 * Bounds every call a connector client makes. botbuilder sets no timeout, and
 * its connector factory replaces any request policy given in the options, so
 * the per-call `timeout` option of each operation is defaulted instead.
 */
function withTimeout(client: ConnectorClient, timeoutMs: number): ConnectorClient {
  const send = client.sendOperationRequest.bind(client);
  client.sendOperationRequest = ((args, spec, callback) => send({ ...args, options: { timeout: timeoutMs, ...args.options } }, spec, callback)) as typeof client.sendOperationRequest;
  return client;
}

function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return JwtTokenValidation.getAppIdFromClaims(claimsIdentity.claims) ?? '';
}

/** The cached promise for `key`, or a new one (forgotten again if it fails). */
function remembered<T>(cache: LRUCache<string, Promise<T>>, key: string, create: () => Promise<T>): Promise<T> {
  let value = cache.get(key);
  if (!value) {
    const created = create();
    cache.set(key, created);
    created.catch(() => {
      if (cache.peek(key) === created) cache.delete(key);
    });
    value = created;
  }
  return value;
}
