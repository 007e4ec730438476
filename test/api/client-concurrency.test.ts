import { XapiCancelledError } from '../../src/api/client';
import type { Simulator } from '../../src/simulator';
import { testClient, until, useSimulator } from './helpers';

let sim: Simulator;
useSimulator((started) => {
  sim = started;
});

const unanswered = () =>
  sim.requests.filter((r) => r.path === '/xapi/v1/SystemStatus' && r.status === 0).length;

describe('maxConcurrency', () => {
  it('keeps at most that many requests in flight at the PBX; the rest wait their turn', async () => {
    const client = testClient(sim.url, { maxConcurrency: 2 });
    sim.addFault({ path: '/xapi/v1/SystemStatus', latencyMs: 25 });
    let most = 0;
    let done = false;
    const watch = (async () => {
      while (!done) {
        most = Math.max(most, unanswered());
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => client.call('SystemStatus.GetSystemStatus')),
    );
    done = true;
    await watch;
    await client.close();
    expect(results).toHaveLength(10);
    expect(most).toBe(2);
    expect(sim.requests.filter((r) => r.path === '/xapi/v1/SystemStatus')).toHaveLength(10);
  });

  it('an AbortSignal takes a queued call out of the queue before it is sent', async () => {
    const client = testClient(sim.url, { maxConcurrency: 1 });
    sim.addFault({ path: '/xapi/v1/SystemStatus', hang: true, times: 1 });
    const first = client.call('SystemStatus.GetSystemStatus').catch((e: unknown) => e);
    await until(() => unanswered() === 1, 'the first call to reach the PBX');
    const controller = new AbortController();
    const queued = client
      .call('SystemStatus.GetSystemStatus', { signal: controller.signal })
      .catch((e: unknown) => e);
    controller.abort();
    expect(await queued).toBeInstanceOf(XapiCancelledError);
    expect(sim.requests.filter((r) => r.path === '/xapi/v1/SystemStatus')).toHaveLength(1);
    await client.close();
    await first;
  });
});
