import path from 'node:path';
import { AuditLog } from './audit/auditLog.js';
import type { AuditTrail } from './audit/auditTrail.js';
import { RedisAuditLog } from './audit/redisAuditLog.js';
import { TimerHideQueue, type HideQueue } from './bot/secretCardExpiry.js';
import type { AppConfig } from './config.js';
import { LocalExportSnapshots, type ExportSnapshots } from './exports/customerExport.js';
import { OneTimeFiles, type OneTimeFileStore } from './exports/oneTimeFiles.js';
import { RedisExportSnapshots } from './exports/redisExportSnapshots.js';
import { RedisOneTimeFiles } from './exports/redisOneTimeFiles.js';
import { FileJobStore, type JobStore } from './jobs/bulkJob.js';
import { BullHideQueue } from './jobs/bullHideQueue.js';
import { BullJobDispatch } from './jobs/bullJobDispatch.js';
import { LocalJobDispatch, type JobDispatch } from './jobs/jobDispatch.js';
import { RedisJobStore } from './jobs/redisJobStore.js';
import { BullNoticeQueue } from './feed/bullNoticeQueue.js';
import { LocalNoticeQueue, type NoticeQueue } from './feed/noticeQueue.js';
import type { Logger } from './logger.js';
import type { StateStores } from './storage/stateStores.js';

/** What must hold across instances besides bot state: in this process (`local`), or in Redis for all of them. */
export interface SharedWork {
  /** Partner Center export lists behind their links, for the links' lifetime. */
  snapshots: ExportSnapshots;
  /** Files with temporary passwords: once, for 15 minutes, never readable at rest. */
  oneTimeFiles: OneTimeFileStore;
  /** When a card's temporary password is taken off. */
  hides: HideQueue;
  jobStore: JobStore;
  /** Where stored bulk jobs wait to run. */
  jobDispatch: JobDispatch;
  /** The channel feed's notices on their way, at Teams' pace per conversation. */
  notices: NoticeQueue;
  /** The audit trail and operation ledger: a retry or a job on another instance must find its operation there. */
  audit: AuditTrail;
}

export interface SharedWorkSettings {
  config: Pick<AppConfig, 'REDIS_URL' | 'EXPORT_LINK_TTL_MINUTES' | 'JOB_LEASE_SECONDS'>;
  stores: StateStores;
  dataDir: string;
  logger: Logger;
  /** How long the temporary passwords' download link works. */
  oneTimeFileTtlMs: number;
  /** Clock of export links and one-time files (tests make them expire). */
  linkClock?: () => number;
}

/** One choice for all of them: with Redis every piece is shared, so no instance holds what another needs. */
export function sharedWorkOf({ config, stores, dataDir, logger, oneTimeFileTtlMs, linkClock }: SharedWorkSettings): SharedWork {
  const exportTtlMs = config.EXPORT_LINK_TTL_MINUTES * 60_000;
  const { redis } = stores;
  const onDropped = () => logger.warn('a feed notice was dropped after repeated failures');
  if (redis && config.REDIS_URL) {
    const jobStore = new RedisJobStore(redis);
    return {
      snapshots: new RedisExportSnapshots(redis, exportTtlMs),
      oneTimeFiles: new RedisOneTimeFiles(redis, oneTimeFileTtlMs),
      hides: new BullHideQueue(config.REDIS_URL),
      jobStore,
      jobDispatch: new BullJobDispatch({ redisUrl: config.REDIS_URL, store: jobStore, logger, lockDurationMs: config.JOB_LEASE_SECONDS * 1000 }),
      notices: new BullNoticeQueue(config.REDIS_URL, redis, onDropped),
      audit: new RedisAuditLog(redis),
    };
  }
  return {
    snapshots: new LocalExportSnapshots(exportTtlMs),
    oneTimeFiles: new OneTimeFiles(oneTimeFileTtlMs, linkClock),
    hides: new TimerHideQueue(),
    jobStore: new FileJobStore(path.resolve(dataDir)),
    jobDispatch: new LocalJobDispatch(logger),
    notices: new LocalNoticeQueue(onDropped),
    audit: new AuditLog(dataDir),
  };
}
