import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { parseFaultSpec, parseFlags, UsageError } from '../../src/simulator/main';
import { call, tokenForm } from './helpers';

describe('parseFlags', () => {
  it('reads every flag, with the value after a space or an =', () => {
    expect(
      parseFlags([
        '--port',
        '6001',
        '--users=1000',
        '--expires-in-minutes',
        '--token-lifetime',
        '120',
        '--fault',
        'GET /xapi/v1/Users status=429 retry-after=2 times=3',
        '--fault=POST /connect/token drop',
      ]),
    ).toEqual({
      port: 6001,
      users: 1000,
      expiresInMinutes: true,
      tokenLifetimeSeconds: 120,
      help: false,
      faults: [
        { method: 'GET', path: '/xapi/v1/Users', status: 429, headers: { 'Retry-After': '2' }, times: 3 },
        { method: 'POST', path: '/connect/token', dropConnection: true },
      ],
    });
  });

  it('defaults to nothing but the booleans', () => {
    expect(parseFlags([])).toEqual({ expiresInMinutes: false, faults: [], help: false });
    expect(parseFlags(['--help']).help).toBe(true);
  });

  it.each([
    [['--verbose'], /Unknown flag --verbose/],
    [['--port'], /--port needs a whole number/],
    [['--port', 'abc'], /--port needs a whole number from 0 to 65535, not "abc"/],
    [['--port', '70000'], /not "70000"/],
    [['--users', '-3'], /--users needs a whole number/],
    [['--expires-in-minutes=yes'], /takes no value/],
    [['--fault'], /--fault needs a value/],
    [['extra'], /Unknown flag extra/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseFlags(argv)).toThrow(UsageError);
    expect(() => parseFlags(argv)).toThrow(message);
  });
});

describe('parseFaultSpec', () => {
  it('reads any method, regular expressions and every key', () => {
    const fault = parseFaultSpec('* ~^/xapi/v1/Users\\( latency=150 hang malformed=false');
    expect(fault).toEqual({ path: /^\/xapi\/v1\/Users\(/, latencyMs: 150, hang: true, malformedJson: false });
    expect(parseFaultSpec('get /connect/token status=503 malformed')).toEqual({
      method: 'GET',
      path: '/connect/token',
      status: 503,
      malformedJson: true,
    });
  });

  it.each([
    ['GET', /needs "<METHOD> <path>/],
    ['GET Users', /must start with \//],
    ['G3T /x', /not an HTTP method/],
    ['GET /x colour=red', /unknown key "colour"/],
    ['GET /x status=abc', /status needs a whole number/],
    ['GET /x hang=maybe', /hang is true or false/],
    ['GET ~( status=500', /Invalid regular expression/],
  ])('refuses %s', (spec, message) => {
    expect(() => parseFaultSpec(spec)).toThrow(message);
  });
});

describe('npm run simulator (src/simulator/main.ts)', () => {
  const root = path.resolve(__dirname, '../..');
  const tsx = path.join(root, 'node_modules/.bin/tsx');
  let child: ChildProcess | undefined;

  afterEach(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    child = undefined;
  });

  function run(args: string[], env: Record<string, string> = {}) {
    child = spawn(tsx, ['src/simulator/main.ts', ...args], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'silent', SIMULATOR_PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const proc = child;
    let stdout = '';
    let stderr = '';
    proc.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    proc.stderr?.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    const line = (pattern: RegExp) =>
      new Promise<RegExpMatchArray>((resolve, reject) => {
        const look = () => {
          const m = stdout.match(pattern);
          if (m) resolve(m);
        };
        proc.stdout?.on('data', look);
        proc.on('exit', () => reject(new Error(`exited before printing ${pattern}: ${stdout}${stderr}`)));
        look();
      });
    return { proc, exited, line, output: () => ({ stdout, stderr }) };
  }

  it('exits 2 with a clear message for an unknown flag', async () => {
    const { exited, output } = run(['--bogus']);
    expect(await exited).toBe(2);
    expect(output().stderr).toContain('Unknown flag --bogus');
    expect(output().stderr).toContain('Usage: npm run simulator');
  });

  it('prints how to connect, serves the configured client and faults, and stops on SIGTERM', async () => {
    const { proc, exited, line, output } = run(
      ['--users', '3', '--fault', 'GET /xapi/v1/Groups status=503'],
      {
        THREECX_CLIENT_ID: 'cli-bot',
        THREECX_CLIENT_SECRET: 'cli-secret',
      },
    );
    const [, url] = await line(
      /THREECX_URL=(http:\/\/127\.0\.0\.1:\d+) THREECX_CLIENT_ID=cli-bot THREECX_CLIENT_SECRET=cli-secret/,
    );
    expect(output().stdout).toContain('client id:     cli-bot');
    expect(output().stdout).toContain('fault: GET /xapi/v1/Groups status=503');
    const token = await call(`${url}/connect/token`, {
      method: 'POST',
      body: tokenForm({ client_id: 'cli-bot', client_secret: 'cli-secret' }),
    });
    expect(token.status).toBe(200);
    const auth = { authorization: `Bearer ${(token.body as { access_token: string }).access_token}` };
    expect((await call(`${url}/xapi/v1/Users?$count=true&$top=0`, { headers: auth })).body).toMatchObject({
      '@odata.count': 3,
    });
    expect((await call(`${url}/xapi/v1/Groups`, { headers: auth })).status).toBe(503);
    proc.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
