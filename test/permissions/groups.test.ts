import pino from 'pino';
import { GROUP_MEMBERS_STALE_LIMIT_MS, GroupDirectory, type GroupMembersSource } from '../../src/permissions';
import { waitUntil } from '../support/wait';

/**
 * User-group membership: read at start and refreshed in the background, so no lookup waits on Slack; members kept
 * through a Slack outage only up to a bound; a failed first read retried, never taken as "nobody".
 */

const logger = pino({ level: 'silent' });
const slackError = (code: string) =>
  Object.assign(new Error(`An API error occurred: ${code}`), { data: { error: code } });

/** A source whose answers the test decides; `pending` holds reads not answered yet. */
function controlledSource() {
  const pending: { resolve: (m: string[]) => void; reject: (e: unknown) => void }[] = [];
  let calls = 0;
  const source: GroupMembersSource = {
    membersOf: () =>
      new Promise<string[]>((resolve, reject) => {
        calls++;
        pending.push({ resolve, reject });
      }),
  };
  return { source, pending, calls: () => calls };
}

function directory(source: GroupMembersSource, now: () => number, options: { retryMinMs?: number } = {}) {
  return new GroupDirectory(source, ['S0NOC'], logger, { ttlMs: 1000, now, retryMinMs: 10, ...options });
}

describe('GroupDirectory', () => {
  it('answers at once while Slack is still reading, and says the group is not counted yet', async () => {
    const slack = controlledSource();
    const dir = directory(slack.source, Date.now);
    dir.start();
    const lookup = await dir.groupsOf('U1');
    expect(lookup.groups).toEqual([]);
    expect(lookup.unavailable).toContain('still being read from Slack');
    slack.pending[0]?.resolve(['U1']);
    await dir.settled();
    expect(await dir.groupsOf('U1')).toEqual({ groups: ['S0NOC'] });
    dir.stop();
  });

  it('serves the known members while a refresh runs in the background, and asks once for many people', async () => {
    let now = 0;
    const slack = controlledSource();
    const dir = directory(slack.source, () => now);
    dir.start();
    slack.pending[0]?.resolve(['U1']);
    await dir.settled();
    now = 1001;
    const lookups = await Promise.all(Array.from({ length: 20 }, () => dir.groupsOf('U1')));
    // Answered from the old members, without waiting for the refresh that is still pending.
    expect(lookups.every((l) => l.groups[0] === 'S0NOC')).toBe(true);
    expect(slack.calls()).toBe(2);
    slack.pending[1]?.resolve(['U2']);
    await dir.settled();
    expect((await dir.groupsOf('U1')).groups).toEqual([]);
    expect((await dir.groupsOf('U2')).groups).toEqual(['S0NOC']);
    dir.stop();
  });

  it('falls back to user ids and says why when the plan has no user groups', async () => {
    const dir = directory(
      { membersOf: async () => Promise.reject(slackError('plan_upgrade_required')) },
      Date.now,
    );
    dir.start();
    await dir.settled();
    const lookup = await dir.groupsOf('U1');
    expect(lookup.groups).toEqual([]);
    expect(lookup.unavailable).toContain('workspace plan has no user groups');
    dir.stop();
  });
});

describe('GroupDirectory on a failing Slack', () => {
  it('keeps the last known members for a while, without asking again on every command', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const dir = directory(
      {
        membersOf: async () => {
          calls++;
          if (fail) throw slackError('internal_error');
          return ['U1'];
        },
      },
      () => now,
      { retryMinMs: 60_000 },
    );
    dir.start();
    await dir.settled();
    fail = true;
    now = 1001;
    expect((await dir.groupsOf('U1')).groups).toEqual(['S0NOC']);
    await dir.settled();
    expect((await dir.groupsOf('U1')).groups).toEqual(['S0NOC']);
    await dir.groupsOf('U1');
    expect(calls).toBe(2);
    dir.stop();
  });

  it(`stops trusting them ${GROUP_MEMBERS_STALE_LIMIT_MS / 60_000} minutes after the last good read, and says why`, async () => {
    let now = 0;
    let fail = false;
    const dir = directory(
      {
        membersOf: async () => {
          if (fail) throw slackError('internal_error');
          return ['U1'];
        },
      },
      () => now,
      { retryMinMs: 60_000 },
    );
    dir.start();
    await dir.settled();
    fail = true;
    now = GROUP_MEMBERS_STALE_LIMIT_MS;
    expect((await dir.groupsOf('U1')).groups).toEqual(['S0NOC']);
    await dir.settled();
    now = GROUP_MEMBERS_STALE_LIMIT_MS + 1;
    const lookup = await dir.groupsOf('U1');
    expect(lookup.groups).toEqual([]);
    expect(lookup.unavailable).toMatch(
      /could not be read from Slack for over 30 minutes \(Slack said internal_error\)/,
    );
    dir.stop();
  });

  it('retries a failed first read in the background instead of taking the group as empty', async () => {
    let calls = 0;
    const dir = directory(
      {
        membersOf: async () => {
          calls++;
          if (calls <= 2) throw slackError('internal_error');
          return ['U1'];
        },
      },
      Date.now,
    );
    dir.start();
    await dir.settled();
    const first = await dir.groupsOf('U1');
    expect(first.groups).toEqual([]);
    expect(first.unavailable).toContain('could not be read from Slack yet (Slack said internal_error)');
    // No one asks meanwhile: the retries run on their own, with a growing delay.
    const lookup = await waitUntil(
      async () => {
        const l = await dir.groupsOf('U1');
        return l.groups.length > 0 && l;
      },
      { what: 'the group to be read on a retry' },
    );
    expect(lookup).toEqual({ groups: ['S0NOC'] });
    expect(calls).toBe(3);
    dir.stop();
  });
});
