import { Writable } from 'node:stream';
import { createLogger, redact } from '../../src/logging';

function capture() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'trace', destination }) };
}

describe('redact', () => {
  it('masks bearer tokens and Slack tokens in free text', () => {
    const text = redact(
      'Authorization: Bearer eyJhbGciOi.J9.abc-_ sent; bot xoxb-123-456-abc, app xapp-1-A0-99',
    );
    expect(text).not.toMatch(/eyJhbGciOi|xoxb-123|xapp-1-A0/);
    expect(text).toContain('Bearer [REDACTED]');
  });

  it('masks secrets in form bodies and JSON', () => {
    const form = redact('grant_type=client_credentials&client_id=bot&client_secret=s3cr3t&x=1');
    expect(form).toBe('grant_type=client_credentials&client_id=bot&client_secret=[REDACTED]&x=1');
    const json = redact(
      '{"access_token":"abc\\"def","token_type":"Bearer","expires_in":3600,"nested":{"password":"p"}}',
    );
    expect(json).toBe(
      '{"access_token":"[REDACTED]","token_type":"Bearer","expires_in":3600,"nested":{"password":"[REDACTED]"}}',
    );
  });

  it('leaves ordinary text alone', () => {
    const text = 'GET /Users?$top=5 key=Users.ListUser took 12 ms';
    expect(redact(text)).toBe(text);
  });
});

describe('createLogger', () => {
  it('never writes a token or secret, whatever shape it comes in', () => {
    const { lines, logger } = capture();
    logger.info({ headers: { Authorization: 'Bearer tok-123' } }, 'request');
    logger.info({ body: { client_secret: 'shh-1', deeper: { SLACK_BOT_TOKEN: 'xoxb-9-9-abc' } } }, 'deep');
    logger.info('sent client_secret=shh-2 and got access_token=tok-456');
    logger.error({ err: new Error('failed with Bearer tok-789') }, 'error');
    logger.info({ key: 'Users.ListUser', token_type: 'Bearer' }, 'kept');
    const out = lines.join('');
    for (const secret of ['tok-123', 'shh-1', 'xoxb-9-9', 'shh-2', 'tok-456', 'tok-789'])
      expect(out).not.toContain(secret);
    expect(out).toContain('"key":"Users.ListUser"');
    expect(lines).toHaveLength(5);
  });
});
