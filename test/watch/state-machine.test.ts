import { advance, type Tracked } from '../../src/watch/state-machine';

const run = (states: string[]) => {
  let t: Tracked = { seenCount: 0 };
  const changes: string[] = [];
  for (const s of states) {
    const next = advance(t, s);
    if (next.changed) changes.push(`${next.changed.from}→${next.changed.to}`);
    t = next;
  }
  return changes;
};

describe('alert state machine', () => {
  it('confirms a state after two polls in a row, once', () => {
    expect(run(['ok', 'alert', 'alert', 'alert', 'alert'])).toEqual(['ok→alert']);
    expect(run(['alert', 'alert', 'ok', 'ok', 'ok'])).toEqual(['ok→alert', 'alert→ok']);
  });

  it('ignores a one-poll blip either way', () => {
    expect(run(['ok', 'alert', 'ok', 'alert', 'ok'])).toEqual([]);
    expect(run(['alert', 'alert', 'ok', 'alert', 'alert'])).toEqual(['ok→alert']);
  });
});
