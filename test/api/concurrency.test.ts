import { ConcurrencyLimiter } from '../../src/api/concurrency';

function gate() {
  let open = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('ConcurrencyLimiter', () => {
  it('runs at most max tasks at once and starts the waiting ones first come, first served', async () => {
    const limiter = new ConcurrencyLimiter(2);
    const started: number[] = [];
    const gates = Array.from({ length: 5 }, gate);
    const runs = gates.map((g, i) =>
      limiter.run(async () => {
        started.push(i);
        await g.opened;
        return i;
      }),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1]);
    expect([limiter.inFlight, limiter.waiting]).toEqual([2, 3]);
    gates[1]?.open();
    await runs[1];
    await new Promise((resolve) => setImmediate(resolve));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    expect(await Promise.all(runs)).toEqual([0, 1, 2, 3, 4]);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect([limiter.inFlight, limiter.waiting]).toEqual([0, 0]);
  });

  it('drops a queued task whose signal fires, and frees no slot it never held', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const g = gate();
    const first = limiter.run(() => g.opened);
    const controller = new AbortController();
    const ran = jest.fn();
    const queued = limiter.run(
      async () => ran(),
      controller.signal,
      () => new Error('cancelled'),
    );
    controller.abort();
    await expect(queued).rejects.toThrow('cancelled');
    expect(limiter.waiting).toBe(0);
    g.open();
    await first;
    expect(ran).not.toHaveBeenCalled();
    expect(limiter.inFlight).toBe(0);
  });

  it('fails everything still waiting on rejectWaiting', async () => {
    const limiter = new ConcurrencyLimiter(1);
    const g = gate();
    const first = limiter.run(() => g.opened);
    const waiting = [limiter.run(async () => 1), limiter.run(async () => 2)];
    limiter.rejectWaiting(() => new Error('closed'));
    for (const w of waiting) await expect(w).rejects.toThrow('closed');
    g.open();
    await first;
    expect(limiter.inFlight).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new ConcurrencyLimiter(0)).toThrow(/whole number ≥ 1/);
  });
});
