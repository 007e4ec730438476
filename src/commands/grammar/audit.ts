import type { Intent } from './intent';
import type { Tokens } from './tokenize';

/**
 * `/3cx audit [n] [user:<id>] [op:<pattern>]`: the newest audit rows, for members allowed `audit`. `user:` takes
 * a user id or a mention (`<@U123|ann>`); `op:` an operation key with `*` wildcards (`Services.*`).
 */

export const AUDIT_DEFAULT_ROWS = 10;
export const AUDIT_MAX_ROWS = 50;

export const AUDIT_HELP = {
  name: 'audit',
  usage: ['audit [n] [user:<id>] [op:<pattern>]'],
  example: 'audit 20 op:Services.*',
  summary: `the newest audit rows (default ${AUDIT_DEFAULT_ROWS}, at most ${AUDIT_MAX_ROWS}), only to you`,
};

const USAGE =
  'Usage: /3cx audit [n] [user:<id>] [op:<pattern>], e.g. /3cx audit 20 user:U012AB3CD op:Services.*';

export function parseAudit(tokens: Tokens, rest: string[]): Intent {
  const intent: Extract<Intent, { kind: 'audit' }> = { kind: 'audit', limit: AUDIT_DEFAULT_ROWS };
  const words = [...rest, ...tokens.pairs.map((p) => `${p.key}:${p.value}`)];
  if (tokens.json !== undefined) return { kind: 'error', message: `audit takes no JSON. ${USAGE}` };
  for (const word of words) {
    const colon = word.indexOf(':');
    const name = colon > 0 ? word.slice(0, colon).toLowerCase() : '';
    const value = colon > 0 ? word.slice(colon + 1) : '';
    if (/^\d+$/.test(word)) {
      const n = Number(word);
      if (n < 1 || n > AUDIT_MAX_ROWS)
        return { kind: 'error', message: `audit shows 1 to ${AUDIT_MAX_ROWS} rows, not ${word}. ${USAGE}` };
      intent.limit = n;
    } else if (name === 'user') {
      const id = /^<?@?([UW][A-Z0-9]+)(\|[^>]*)?>?$/.exec(value)?.[1];
      if (!id)
        return {
          kind: 'error',
          message: `"${value}" is not a Slack user id (U…); copy it from the profile › ⋯ › Copy member ID. ${USAGE}`,
        };
      intent.userId = id;
    } else if (name === 'op') {
      if (!/^[\w.*]+$/.test(value))
        return {
          kind: 'error',
          message: `"${value}" is not an operation pattern; use a key such as Services.Restart, or Services.* for a whole resource. ${USAGE}`,
        };
      intent.operation = value;
    } else {
      return { kind: 'error', message: `audit does not understand "${word}". ${USAGE}` };
    }
  }
  return intent;
}
