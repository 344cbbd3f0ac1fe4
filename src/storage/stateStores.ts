import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Storage } from 'botbuilder';
import { Redis } from 'ioredis';
import { LocalActivityClaims, RedisActivityClaims, type ActivityClaims } from '../concurrency/activityClaims.js';
import { TurnFences } from '../concurrency/turnFences.js';
import { LocalTurnSerializer, RedisTurnSerializer, type TurnSerializer } from '../concurrency/turnSerializer.js';
import { claimEmbeddedData, type EmbeddedClaim } from './instanceLock.js';
import { LowdbStorage } from './lowdbStorage.js';
import { RedisStorage } from './redisStorage.js';

/** A bot state store: botbuilder's Storage, plus what the app does with it at intervals and at shutdown. */
export type StateStorage = Storage & { sweepExpired(): Promise<number>; flush(): Promise<void> };

export interface StateStores {
  kind: 'local' | 'redis';
  /** The shared Redis (STATE_STORE=redis) for what else must hold across instances. */
  redis?: Redis;
  conversations: StateStorage;
  users: StateStorage;
  feeds: StateStorage;
  /** Who processes an activity id (exactly one instance with Redis). */
  claims: ActivityClaims;
  /** One turn per conversation at a time (across instances with Redis, under a lease). */
  turns: TurnSerializer;
  /** Whether the store answers now (`/healthz`, `/readyz`). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface StateStoreSettings {
  STATE_STORE: 'local' | 'redis';
  REDIS_URL?: string;
  dataDir: string;
  /** Flow state (a wizard left half done) is forgotten after this. */
  conversationTtlMs: number;
  onWriteError: (error: unknown) => void;
}

/** Keys of this app in a Redis it may share with others. */
const PREFIX = 'cab';

/**
 * Where bot state lives: files under DATA_DIR (one instance), or Redis, shared
 * by every instance behind a load balancer (STATE_STORE=redis).
 */
export function createStateStores(settings: StateStoreSettings): StateStores {
  if (settings.STATE_STORE === 'redis') {
    if (!settings.REDIS_URL) throw new Error('STATE_STORE=redis needs REDIS_URL');
    // Commands wait while the connection is re-established, but not forever: a turn fails instead of hanging. Reconnects
    // are tried at least every half second (ioredis' default backs off to 2 s), so while Redis is down a command fails
    // within about that, and a user's message is answered long before Teams gives up on it (15 s).
    const redis = new Redis(settings.REDIS_URL, { maxRetriesPerRequest: 3, enableOfflineQueue: true, connectTimeout: 5_000, retryStrategy: (times) => Math.min(times * 50, 500) });
    redis.on('error', () => undefined); // reported through ping() (health) and the failing commands themselves
    // A connection lost and not back yet answers nothing: ping() says so at once instead of waiting on a reconnect.
    let lost = false;
    redis.on('close', () => (lost = true));
    redis.on('ready', () => (lost = false));
    const fences = new TurnFences();
    return {
      kind: 'redis',
      redis,
      // A turn writes its conversation only while it holds the conversation's lease.
      conversations: new RedisStorage({ redis, prefix: `${PREFIX}:conversations`, ttlMs: settings.conversationTtlMs, fences }),
      users: new RedisStorage({ redis, prefix: `${PREFIX}:users` }),
      feeds: new RedisStorage({ redis, prefix: `${PREFIX}:feeds` }),
      claims: new RedisActivityClaims(redis),
      turns: new RedisTurnSerializer(redis, fences),
      ping: async () => !lost && (await redis.ping().catch(() => '')) === 'PONG',
      close: async () => {
        // QUIT where it is connected; otherwise (Redis gone) stop reconnecting at once.
        if (redis.status === 'ready') await redis.quit().catch(() => undefined);
        redis.disconnect();
      },
    };
  }
  const { dataDir, onWriteError } = settings;
  return {
    kind: 'local',
    conversations: new LowdbStorage({ dir: path.join(dataDir, 'conversations'), ttlMs: settings.conversationTtlMs, onWriteError }),
    users: new LowdbStorage({ dir: path.join(dataDir, 'users'), onWriteError }),
    feeds: new LowdbStorage({ dir: path.join(dataDir, 'feeds'), onWriteError }),
    claims: new LocalActivityClaims(),
    turns: new LocalTurnSerializer(),
    ping: async () => true,
    close: async () => {},
  };
}

/**
 * The stores, once this instance may use them: the embedded data (files under
 * DATA_DIR, the embedded customer directory) is claimed for this instance
 * alone, or the start is refused (InstanceRefusedError).
 */
export async function openStateStores(settings: StateStoreSettings, options: { embeddedBackend: boolean; onLost: (error: unknown) => void }): Promise<{ stores: StateStores; embedded: EmbeddedClaim }> {
  const stores = createStateStores(settings);
  mkdirSync(settings.dataDir, { recursive: true });
  try {
    const embedded = await claimEmbeddedData({
      dataDir: settings.dataDir,
      files: settings.STATE_STORE === 'local' || options.embeddedBackend,
      ...(options.embeddedBackend && stores.redis ? { redis: stores.redis } : {}),
      onLost: options.onLost,
    });
    return { stores, embedded };
  } catch (error) {
    await stores.close();
    throw error;
  }
}
