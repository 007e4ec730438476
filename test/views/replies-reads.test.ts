import {
  csvFile,
  type HelpEntry,
  helpMessage,
  resultMessage,
  type SlackMessage,
  searchMessage,
} from '../../src/views/replies';
import { allText, buttons, catalogue, done, expectWithinLimits, op } from './replies-fixtures';

describe('resultMessage', () => {
  const systemStatus = {
    '@odata.context': 'https://pbx/xapi/v1/$metadata#SystemStatus',
    FQDN: 'acme.3cx.example',
    Version: '20.0.10.800',
    Activated: true,
    Id: 1,
    CallsActive: 3,
    ResellerName: null,
    OS: '',
    AvailableLocalIps: [],
    Support: { Level: 'gold' },
  };

  it('shows an entity as fields, useful ones first, without nulls, empties or OData annotations', () => {
    const m = resultMessage(
      done('SystemStatus.GetSystemStatus', { params: {} }, systemStatus),
      {},
    ) as SlackMessage;
    const fields = m.blocks.flatMap((b) => (b.type === 'section' ? (b.fields ?? []).map((f) => f.text) : []));
    expect(fields[0]).toBe('*Id*\n1');
    expect(fields).toContain('*FQDN*\nacme.3cx.example');
    expect(fields).toContain('*Support*\n{…}');
    expect(fields.join()).not.toMatch(/ResellerName|\*OS\*|AvailableLocalIps|odata/);
    expectWithinLimits(m);
  });

  it('keeps an entity with 200 fields to 20 of them, ten per section, and says how to see the rest', () => {
    const entity = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`Field${i}`, 'v'.repeat(2500)]));
    const m = resultMessage(done('Users.GetUser', { params: { Id: 1 } }, entity), {}) as SlackMessage;
    const sections = m.blocks.filter((b) => b.type === 'section' && b.fields);
    expect(sections).toHaveLength(2);
    expect(allText(m)).toContain('180 more fields');
    const one = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`Field${i}`, 'v']));
    expect(
      allText(resultMessage(done('Users.GetUser', { params: { Id: 1 } }, one), {}) as SlackMessage),
    ).toContain('1 more field not shown');
    expectWithinLimits(m);
  });

  const users = (n: number) =>
    Array.from({ length: n }, (_, i) => ({
      Id: i + 1,
      Number: String(100 + i),
      FirstName: `First${i}`,
      LastName: `Last${i}`,
      EmailAddress: `user${i}@acme.example`,
      Groups: [{ Id: 1 }],
      Require2FA: false,
      Mobile: '',
    }));

  it('shows a collection as a table with the useful columns and an item count', () => {
    const m = resultMessage(
      done('Users.ListUser', { params: {} }, { '@odata.count': 5, value: users(5) }),
      {},
    ) as SlackMessage;
    const text = allText(m);
    expect(text).toContain('5 items');
    expect(text).toMatch(/Id +Number +FirstName +LastName +EmailAddress/);
    expect(text).toContain('user4@acme.example');
    expect(text).not.toContain('Mobile');
    expect(buttons(m)).toHaveLength(0);
    expectWithinLimits(m);
  });

  it('mentions the total when 3CX counts more than it sent', () => {
    const m = resultMessage(
      done('Users.ListUser', { params: {} }, { '@odata.count': 130, value: users(5) }),
      {},
    ) as SlackMessage;
    expect(allText(m)).toContain('130 in all');
  });

  it('pages a long collection with Previous/Next only where there is another page', () => {
    const outcome = done('Users.ListUser', { params: {} }, { value: users(45) });
    const ids = (page: number) =>
      buttons(resultMessage(outcome, { page, resultId: 'r1' }) as SlackMessage).map(
        (b) => `${b.action_id}=${b.value}`,
      );
    expect(ids(0)).toEqual(['page_next=r1:1']);
    expect(ids(1)).toEqual(['page_prev=r1:0', 'page_next=r1:2']);
    expect(ids(2)).toEqual(['page_prev=r1:1']);
    const last = resultMessage(outcome, { page: 2, resultId: 'r1' }) as SlackMessage;
    expect(allText(last)).toContain('rows 41–45');
    expect(buttons(resultMessage(outcome, { page: 0 }) as SlackMessage)).toHaveLength(0);
    expect(
      buttons(
        resultMessage(done('Users.ListUser', { params: {} }, { value: users(20) }), {
          resultId: 'r1',
        }) as SlackMessage,
      ),
    ).toHaveLength(0);
  });

  it('keeps a 1,000-item collection of wide rows within the limits', () => {
    const wide = Array.from({ length: 1000 }, (_, i) => ({
      Id: i,
      Name: `<${'n'.repeat(500)}&>`,
      DisplayName: 'd'.repeat(900),
      Status: 'Ok',
    }));
    for (const pageSize of [20, 100, 1000]) {
      const m = resultMessage(done('Users.ListUser', { params: {} }, { value: wide }), {
        page: 3,
        pageSize,
        resultId: 'r'.repeat(36),
      }) as SlackMessage;
      expect(allText(m)).toContain('1,000 items');
      expectWithinLimits(m);
    }
  });

  it('shows a value as text, cutting a 40 kB string to fit', () => {
    const m = resultMessage(
      done('Users.ListUser', { params: {} }, { value: 'y'.repeat(40_000) }),
      {},
    ) as SlackMessage;
    expectWithinLimits(m);
    expect(allText(m)).toContain('--json');
    const small = resultMessage(done('SystemStatus.GetSystemStatus', { params: {} }, 42), {}) as SlackMessage;
    expect(allText(small)).toContain('42');
  });

  it('says when nothing came back', () => {
    const m = resultMessage(done('Services.Restart', { params: {} }), {}) as SlackMessage;
    expect(m.text).toBe('Done (HTTP 204), nothing returned.');
  });

  it('gives the raw answer as a JSON code block, or as a file when it is long', () => {
    const short = resultMessage(done('SystemStatus.GetSystemStatus', { params: {} }, systemStatus), {
      json: true,
    }) as SlackMessage;
    expect(allText(short)).toContain('```');
    expect(allText(short)).toContain('@odata.context');
    const long = resultMessage(done('Users.ListUser', { params: {} }, { value: users(300) }), {
      json: true,
      now: Date.UTC(2026, 10, 22),
    });
    expect('file' in long).toBe(true);
    if (!('file' in long)) return;
    expect(long.file.filename).toBe('users-listuser-2026-11-22.json');
    expect(JSON.parse(long.file.content)).toEqual({ value: users(300) });
  });
});

describe('csvFile', () => {
  it('quotes commas, quotes and line breaks, guards formulas, and keeps every column in first-seen order', () => {
    const file = csvFile(
      'Users.ListUser',
      [
        { Id: 1, Name: 'Smith, Ann', Note: 'says "hi"', Balance: -5 },
        { Id: 2, Name: 'two\nlines', Extra: { a: 1 }, Formula: '=HYPERLINK("x")' },
        { Id: 3, Name: '+44 20', Note: '-1+1', Extra: ['a'], Formula: '@SUM(A1)' },
      ],
      Date.UTC(2026, 10, 22),
    );
    expect(file.filename).toBe('users-listuser-2026-11-22.csv');
    const lines = file.content.split('\r\n');
    expect(lines[0]).toBe('Id,Name,Note,Balance,Extra,Formula');
    expect(lines[1]).toBe('1,"Smith, Ann","says ""hi""",-5,,');
    expect(file.content).toContain('2,"two\nlines",,,"{""a"":1}","\'=HYPERLINK(""x"")"');
    expect(file.content).toContain('3,\'+44 20,\'-1+1,,"[""a""]",\'@SUM(A1)');
    expect(file.content.endsWith('\r\n')).toBe(true);
  });
});

describe('helpMessage', () => {
  const entries: HelpEntry[] = [
    {
      name: 'status',
      usage: ['status'],
      example: 'status',
      summary: 'PBX version, licence, calls and health',
    },
    {
      name: 'services',
      usage: ['services', 'services restart <name>[,<name>…]'],
      example: 'services restart 3CXQueueManager',
      summary: 'list PBX services, or restart some',
    },
  ];

  it('lists only the entries given, each with usage and one example', () => {
    const m = helpMessage(entries, { canUseApi: false });
    const text = allText(m);
    expect(text).toContain('`/3cx status`');
    expect(text).toContain('`/3cx services restart 3CXQueueManager`');
    expect(text).not.toMatch(/multicompany|license|api search/);
    expectWithinLimits(m);
  });

  it('adds the api lines for people who may use it', () => {
    expect(allText(helpMessage(entries, { canUseApi: true }))).toContain('/3cx api search');
    expect(allText(helpMessage([], { topic: 'api', canUseApi: true }))).toContain(
      '/3cx api &lt;Resource&gt;.&lt;OperationId&gt;',
    );
  });

  it('keeps help on one command to that command', () => {
    const one = allText(helpMessage(entries.slice(0, 1), { topic: 'status', canUseApi: true }));
    expect(one).toContain('`/3cx status`');
    expect(one).not.toContain('api search');
  });

  it('tells someone who may run nothing how to get access', () => {
    const m = helpMessage([], { canUseApi: false });
    expect(m.text).toContain('Slack user id');
    expect(m.text).toContain('BOT_CONFIG');
    expect(m.text).not.toContain('/3cx status');
  });

  it('says when a topic is unknown', () => {
    expect(
      allText(helpMessage(entries, { topic: 'voicemail', canUseApi: false, unknownTopic: true })),
    ).toContain('no help topic `voicemail`');
  });

  it('stays within the limits with many entries', () => {
    const many = Array.from({ length: 80 }, (_, i) => ({
      name: `cmd${i}`,
      usage: [`cmd${i} ${'a'.repeat(200)}`],
      example: `cmd${i}`,
      summary: 's'.repeat(300),
    }));
    expectWithinLimits(helpMessage(many, { canUseApi: true }));
  });
});

describe('searchMessage', () => {
  it('shows key, method, path, class and an example for the path parameters', () => {
    const m = searchMessage('user', [op('Users.GetUser'), op('Users.ListUser')], 40);
    const text = allText(m);
    expect(text).toContain('GET /Users({Id})');
    expect(text).toContain('_read_');
    expect(text).toContain('`/3cx api Users.GetUser Id=…`');
    expect(text).toContain('40 operations match');
    expectWithinLimits(m);
  });

  it('suggests other words when nothing matches', () => {
    expect(searchMessage('fax', []).text).toBe('No operation matches “fax”; try fewer or other words.');
  });

  it('stays within the limits for a search that matches everything', () => {
    expectWithinLimits(searchMessage('a', [...catalogue.operations], catalogue.size));
  });
});
