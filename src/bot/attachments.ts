import type { Activity } from 'botbuilder';
import type { FileContent, IncomingFile } from '../flows/flow.js';

/** Teams' file consent flow: an attachment the user sent to the bot, with a pre-authorized download link. */
const TEAMS_FILE = 'application/vnd.microsoft.teams.file.download.info';
const MAX_NAME_LENGTH = 255;
const DOWNLOAD_TIMEOUT_MS = 15_000;

export interface AttachmentOptions {
  /** The most bytes read; a larger file is refused without reading on. */
  maxBytes: number;
  /** Plain http links (the Emulator's) are followed only without app credentials, i.e. on a developer's machine. */
  allowHttp: boolean;
}

/**
 * The file attached to a message, if any: Teams sends a `file.download.info`
 * attachment with a `downloadUrl`; the Emulator and other hosts an attachment
 * with a `contentUrl`. Cards and Teams' HTML copy of the message are not files.
 */
export function incomingFileOf(activity: Partial<Activity>, options: AttachmentOptions): IncomingFile | undefined {
  for (const attachment of activity.attachments ?? []) {
    const content = attachment.content as { downloadUrl?: unknown } | undefined;
    const url = attachment.contentType === TEAMS_FILE ? content?.downloadUrl : attachment.contentType?.startsWith('application/vnd.microsoft.card.') || attachment.contentType === 'text/html' ? undefined : attachment.contentUrl;
    if (typeof url !== 'string' || !url) continue;
    const name = String(attachment.name ?? '').replace(/\p{Cc}/gu, '').slice(0, MAX_NAME_LENGTH);
    return { name, read: () => download(url, options) };
  }
  return undefined;
}

/** Reads at most `maxBytes` (and one more, to know it is larger) from an http(s) link, within a time bound. */
async function download(raw: string, { maxBytes, allowHttp }: AttachmentOptions): Promise<FileContent> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
  if (url.protocol !== 'https:' && !(allowHttp && url.protocol === 'http:')) return { ok: false, problem: 'unreadable' };
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS), redirect: 'follow' });
    if (!response.ok || !response.body) return { ok: false, problem: 'unreadable' };
    if (Number(response.headers.get('content-length') ?? 0) > maxBytes) {
      await response.body.cancel();
      return { ok: false, problem: 'tooLarge' };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const reader = response.body.getReader();
    for (let part = await reader.read(); !part.done; part = await reader.read()) {
      size += part.value.length;
      if (size > maxBytes) {
        await reader.cancel();
        return { ok: false, problem: 'tooLarge' };
      }
      chunks.push(Buffer.from(part.value));
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch {
    return { ok: false, problem: 'unreadable' };
  }
}
