import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';

/** The Slack app manifest asks for what the bot uses, and for nothing a reviewer would have to wonder about. */
const manifest = parse(readFileSync(resolve(__dirname, '../../manifest.yml'), 'utf8')) as {
  oauth_config: { scopes: { bot: string[] } };
};

it('asks for users:read.email (mentions resolve by email), with the users:read Slack grants it with', () => {
  const scopes = manifest.oauth_config.scopes.bot;
  expect(scopes).toContain('users:read.email');
  expect(scopes).toContain('users:read');
  expect([...scopes].sort()).toEqual(
    [
      'chat:write',
      'chat:write.public',
      'commands',
      'files:write',
      'im:write',
      'usergroups:read',
      'users:read',
      'users:read.email',
    ].sort(),
  );
});
