import { AsyncLocalStorage } from 'node:async_hooks';

/** A turn's right to write its conversation's state: the lease's key in Redis and the holder's token there. */
export interface Fence {
  key: string;
  token: string;
}

/**
 * Carries the running turn's fence down to the state store without passing
 * it through botbuilder: the store checks, in the same Lua script as its
 * write, that the lease is still this turn's. A paused or dead holder whose
 * lease expired (and another instance took) can no longer write.
 */
export class TurnFences {
  private readonly context = new AsyncLocalStorage<Fence>();

  run<T>(fence: Fence, work: () => Promise<T>): Promise<T> {
    return this.context.run(fence, work);
  }

  current(): Fence | undefined {
    return this.context.getStore();
  }
}
