interface Slot {
  /** The newest write asked for and not started yet. */
  next?: () => Promise<void>;
  /** Callers whose write has not started yet: they share the next one. */
  waiting: Array<{ resolve: () => void; reject: (error: unknown) => void }>;
  running?: Promise<void>;
}

/**
 * Writes per key that never overlap and never queue up: while one write runs,
 * later requests for the key collapse into one (the newest), and every caller
 * resolves when a write started after its request has finished. Many changes
 * to one file in a burst thus cost one or two writes, not one each.
 */
export class CoalescingWriter {
  private readonly slots = new Map<string, Slot>();

  write(key: string, job: () => Promise<void>): Promise<void> {
    return new Promise((resolve, reject) => {
      let slot = this.slots.get(key);
      if (!slot) this.slots.set(key, (slot = { waiting: [] }));
      slot.next = job;
      slot.waiting.push({ resolve, reject });
      slot.running ??= this.drain(key, slot);
    });
  }

  /** Whether a write for the key is waiting or running. */
  isPending(key: string): boolean {
    return this.slots.has(key);
  }

  /** Resolves when every write asked for so far (for one key, or for all) has finished. */
  async idle(key?: string): Promise<void> {
    if (key !== undefined) {
      await this.slots.get(key)?.running;
      return;
    }
    while (this.slots.size > 0) await Promise.all([...this.slots.values()].map((slot) => slot.running));
  }

  private async drain(key: string, slot: Slot): Promise<void> {
    while (slot.next) {
      const job = slot.next;
      const batch = slot.waiting.splice(0);
      slot.next = undefined;
      try {
        await job();
        for (const caller of batch) caller.resolve();
      } catch (error) {
        for (const caller of batch) caller.reject(error);
      }
    }
    this.slots.delete(key);
  }
}
