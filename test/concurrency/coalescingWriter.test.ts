import { CoalescingWriter } from '../../src/concurrency/coalescingWriter.js';

/** A write that finishes when the test says so, recording what it wrote. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

describe('CoalescingWriter', () => {
  it('collapses requests made during a write into one write of the newest job', async () => {
    const writer = new CoalescingWriter();
    const written: string[] = [];
    const first = gate();
    const done = [
      writer.write('k', async () => {
        await first.opened;
        written.push('v1');
      }),
      writer.write('k', async () => void written.push('v2')),
      writer.write('k', async () => void written.push('v3')),
    ];
    first.open();
    await Promise.all(done);
    expect(written).toEqual(['v1', 'v3']);
    expect(writer.isPending('k')).toBe(false);
  });

  it('resolves a caller only after a write that started after its request', async () => {
    const writer = new CoalescingWriter();
    const events: string[] = [];
    const first = gate();
    const a = writer.write('k', async () => {
      await first.opened;
      events.push('write 1');
    });
    const b = writer.write('k', async () => void events.push('write 2')).then(() => events.push('b resolved'));
    await Promise.resolve();
    expect(events).toEqual([]);
    first.open();
    await Promise.all([a, b]);
    expect(events).toEqual(['write 1', 'write 2', 'b resolved']);
  });

  it('rejects the callers of a failed write and goes on with later ones; keys are independent', async () => {
    const writer = new CoalescingWriter();
    await expect(writer.write('k', async () => Promise.reject(new Error('disk full')))).rejects.toThrow('disk full');
    const other = gate();
    const slow = writer.write('other', () => other.opened);
    await expect(writer.write('k', async () => undefined)).resolves.toBeUndefined();
    expect(writer.isPending('other')).toBe(true);
    await writer.idle('k');
    other.open();
    await writer.idle();
    await slow;
    expect(writer.isPending('other')).toBe(false);
  });
});
