import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { userMessage, XapiError } from '../../src/api/client';
import { ConfigError } from '../../src/config';
import { captureLogs, startServer, type TestServer, testClient, tinyPbx } from './helpers';

let dir: string;
let server: TestServer;
let certFile: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'xapi-tls-'));
  certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');
  // A self-signed certificate for 127.0.0.1, as a PBX on a LAN often has.
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '2',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ],
    { stdio: 'ignore' },
  );
  server = await startServer(tinyPbx(), { key: readFileSync(keyFile), cert: readFileSync(certFile) });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('TLS with a self-signed PBX certificate', () => {
  it('fails as kind tls, and the message says how to trust the certificate', async () => {
    const client = testClient(server.url);
    const err = await client.call('Users.ListUser').catch((e: unknown) => e);
    await client.close();
    expect(err).toBeInstanceOf(XapiError);
    const xe = err as XapiError;
    expect(xe.kind).toBe('tls');
    expect(xe.message).toContain('SELF_SIGNED');
    expect(userMessage(xe)).toMatch(/127\.0\.0\.1:\d+ is not trusted/);
    expect(userMessage(xe)).toContain('THREECX_CA_FILE');
    expect(userMessage(xe)).toContain('THREECX_INSECURE_TLS=1');
  });

  it('works with the certificate given as caFile', async () => {
    const client = testClient(server.url, { caFile: certFile });
    const result = await client.call('Users.ListUser');
    await client.close();
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ value: [{ Id: 1 }] });
  });

  it('works with insecureTls, and warns once when the client is made', async () => {
    const logs = captureLogs('info');
    const client = testClient(server.url, { insecureTls: true, logger: logs.logger });
    await client.call('Users.ListUser');
    await client.call('Users.ListUser');
    await client.close();
    const warnings = logs.lines().filter((l) => l.level === 40);
    expect(warnings).toHaveLength(1);
    expect(String(warnings[0]?.msg)).toContain('not checked');
  });

  it('refuses an unreadable or non-PEM caFile when the client is made', () => {
    const missing = path.join(dir, 'missing.pem');
    expect(() => testClient(server.url, { caFile: missing })).toThrow(ConfigError);
    expect(() => testClient(server.url, { caFile: missing })).toThrow(
      /THREECX_CA_FILE: cannot read .*missing\.pem \(ENOENT\)/,
    );
    const notPem = path.join(dir, 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => testClient(server.url, { caFile: notPem })).toThrow(/holds no PEM certificate/);
  });
});
