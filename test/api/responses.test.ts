import { defaultCatalogue } from '../../src/api/catalogue';
import { userMessage, XapiError } from '../../src/api/errors';
import { stableOrderBy } from '../../src/api/paging';
import { kindForStatus, parseRetryAfter, pbxErrorInfo } from '../../src/api/responses';

const answer = (text: string, headers: Record<string, string> = {}) => ({ status: 400, headers, text });

describe('pbxErrorInfo', () => {
  it('reads the OData error, folding details into the message', () => {
    expect(pbxErrorInfo(answer('{"error":{"code":"X1","message":"Bad","target":"Name"}}'))).toEqual({
      code: 'X1',
      message: 'Bad',
      target: 'Name',
    });
    const withDetails =
      '{"error":{"code":"","message":"Invalid","details":[{"target":"Number","message":"in use"},{"message":"also"}]}}';
    expect(pbxErrorInfo(answer(withDetails))).toEqual({ message: 'Invalid; Number: in use; also' });
  });

  it('reads the OAuth error of the token endpoint', () => {
    expect(pbxErrorInfo(answer('{"error":"invalid_client","error_description":"wrong secret"}'))).toEqual({
      code: 'invalid_client',
      message: 'wrong secret',
    });
  });

  it('keeps short plain text, and ignores HTML and other JSON', () => {
    expect(pbxErrorInfo(answer('Service restarting', { 'content-type': 'text/plain' }))).toEqual({
      message: 'Service restarting',
    });
    expect(pbxErrorInfo(answer('<html>502</html>', { 'content-type': 'text/html' }))).toEqual({});
    expect(pbxErrorInfo(answer('{"title":"x"}'))).toEqual({});
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:20 GMT', now)).toBe(20_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});

describe('kindForStatus', () => {
  it('maps statuses to kinds', () => {
    const kinds = [400, 401, 403, 404, 409, 412, 429, 500, 502, 503, 504, 418].map(kindForStatus);
    expect(kinds).toEqual([
      'validation',
      'auth',
      'forbidden',
      'not_found',
      'conflict',
      'conflict',
      'rate_limited',
      'protocol',
      'unavailable',
      'unavailable',
      'unavailable',
      'protocol',
    ]);
  });
});

describe('stableOrderBy', () => {
  const catalogue = defaultCatalogue();
  const op = (key: string) => {
    const found = catalogue.get(key);
    if (!found) throw new Error(key);
    return found;
  };

  it('orders by the entity key found in the catalogue', () => {
    expect(stableOrderBy(op('Users.ListUser'), catalogue)).toBe('Id');
    expect(stableOrderBy(op('TenantProperties.ListProperty'), catalogue)).toBe('Name');
  });

  it('adds nothing to an operation without $orderby', () => {
    const unordered = catalogue.operations.find(
      (o) => o.params.some((p) => p.name === '$top') && !o.params.some((p) => p.name === '$orderby'),
    );
    if (unordered) expect(stableOrderBy(unordered, catalogue)).toBeUndefined();
  });
});

describe('userMessage', () => {
  it('still says something for an error of a kind it does not know', () => {
    const err = new XapiError({
      kind: 'auth',
      message: 'odd',
      method: 'GET',
      url: 'https://pbx/xapi/v1/X',
      pbx: 'p',
    });
    Object.assign(err, { kind: 'something-new' });
    expect(userMessage(err)).toBe('The 3CX call failed: odd.');
  });

  it('never shows credentials from the URL', () => {
    const err = new XapiError({
      kind: 'network',
      message: 'connection refused, ECONNREFUSED',
      method: 'GET',
      url: 'https://u:p@pbx.example.com/xapi/v1/Users?token=abc',
      pbx: 'p',
    });
    expect(err.url).toBe('https://pbx.example.com/xapi/v1/Users?token=REDACTED');
    expect(userMessage(err)).toBe(
      'The bot cannot reach 3CX at pbx.example.com (connection refused, ECONNREFUSED). Check THREECX_URL (or the url of this PBX under pbxs: in BOT_CONFIG) and that the PBX is reachable from the bot.',
    );
  });
});
