import { ResultPages } from '../../src/commands/result-pages';
import type { Outcome } from '../../src/pipeline';

type Done = Extract<Outcome, { kind: 'done' }>;

function list(rows: number): Done {
  return {
    kind: 'done',
    result: {
      status: 200,
      durationMs: 1,
      data: { value: Array.from({ length: rows }, (_, i) => ({ Id: i })) },
    },
  } as unknown as Done;
}

describe('ResultPages', () => {
  it('keeps a list for its owner only, until it expires', () => {
    let now = 0;
    const pages = new ResultPages(10, 1_000, () => now);
    const id = pages.keep('U1', list(3), false);
    expect(pages.get(id, 'U2')).toBe('not_owner');
    expect(pages.get(id, 'U1')).toMatchObject({ json: false });
    now = 1_000;
    expect(pages.get(id, 'U1')).toBe('expired');
    expect(pages.size).toEqual({ lists: 0, rows: 0 });
  });

  it('drops the oldest lists when the rows they hold together pass the bound', () => {
    const pages = new ResultPages(200, 60_000, () => 0, 10_000);
    const ids = Array.from({ length: 5 }, () => pages.keep('U1', list(3_000), false));
    expect(pages.size).toEqual({ lists: 3, rows: 9_000 });
    expect(pages.get(ids[0] as string, 'U1')).toBe('expired');
    expect(pages.get(ids[1] as string, 'U1')).toBe('expired');
    expect(pages.get(ids[4] as string, 'U1')).not.toBe('expired');
  });

  it('counts the rows of a bare array as 3CX functions answer them', () => {
    const pages = new ResultPages(200, 60_000, () => 0, 10_000);
    const bare = { ...list(0), result: { status: 200, durationMs: 1, data: Array(4_000).fill('x') } } as Done;
    pages.keep('U1', bare, false);
    expect(pages.size).toEqual({ lists: 1, rows: 4_000 });
  });

  it('keeps the newest list even when it alone is over the bound', () => {
    const pages = new ResultPages(200, 60_000, () => 0, 10_000);
    pages.keep('U1', list(10), false);
    const big = pages.keep('U1', list(25_000), false);
    expect(pages.size).toEqual({ lists: 1, rows: 25_000 });
    expect(pages.get(big, 'U1')).not.toBe('expired');
  });

  it('drops the oldest list past the count bound', () => {
    const pages = new ResultPages(2, 60_000, () => 0);
    const first = pages.keep('U1', list(1), false);
    pages.keep('U1', list(1), false);
    pages.keep('U1', list(1), false);
    expect(pages.size.lists).toBe(2);
    expect(pages.get(first, 'U1')).toBe('expired');
  });
});
