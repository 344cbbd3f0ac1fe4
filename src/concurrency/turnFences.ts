/** A turn's right to write its conversation's state: the lease's key in Redis and the holder's token there. */
export interface Fence {
  key: string;
  token: string;
}

/**
 * The conversation leases this instance holds right now, by conversation (it
 * runs one turn of a conversation at a time): the state store checks, in the
 * same Lua script as a write of that conversation's state, that the lease is
 * still this instance's. A paused or dead holder whose lease expired (and
 * another instance took) can no longer write. Kept in a map, not in an
 * AsyncLocalStorage: on Node 20 that puts a hook on every promise of the
 * process, which cost more per turn than the Redis round trips.
 */
export class TurnFences {
  private readonly held = new Map<string, Fence>();

  async run<T>(conversationId: string, fence: Fence, work: () => Promise<T>): Promise<T> {
    this.held.set(conversationId, fence);
    try {
      return await work();
    } finally {
      if (this.held.get(conversationId) === fence) this.held.delete(conversationId);
    }
  }

  of(conversationId: string): Fence | undefined {
    return this.held.get(conversationId);
  }
}
