import { parseCommand } from '../../src/commands/grammar/parse';

/** `/3cx audit [n] [user:<id>] [op:<pattern>]` */

it('defaults to the last 10 rows', () => {
  expect(parseCommand('audit')).toEqual({ kind: 'audit', limit: 10 });
});

it('takes a count, a user (id or mention) and an operation pattern in any order', () => {
  expect(parseCommand('audit op:Services.* 25 user:<@U012AB|ann>')).toEqual({
    kind: 'audit',
    limit: 25,
    userId: 'U012AB',
    operation: 'Services.*',
  });
  expect(parseCommand('audit user=U9')).toEqual({ kind: 'audit', limit: 10, userId: 'U9' });
});

it('says what is wrong and shows the usage', () => {
  expect(parseCommand('audit 0')).toMatchObject({
    kind: 'error',
    message: expect.stringContaining('1 to 50'),
  });
  expect(parseCommand('audit user:bob')).toMatchObject({
    message: expect.stringContaining('not a Slack user id'),
  });
  expect(parseCommand('audit op:a;b')).toMatchObject({
    message: expect.stringContaining('operation pattern'),
  });
  expect(parseCommand('audit lots')).toMatchObject({ message: expect.stringContaining('Usage: /3cx audit') });
  expect(parseCommand('audti')).toMatchObject({ message: expect.stringContaining('/3cx audit') });
});
