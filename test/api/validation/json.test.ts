import { findJsonError, parseJsonField, ValidationError } from '../../../src/api/validation';

function messageOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    if (err instanceof ValidationError) return err.message;
    throw err;
  }
  throw new Error('expected a ValidationError');
}

describe('findJsonError', () => {
  it.each([
    ['{}'],
    ['[]'],
    ['  {"a": [1, -2.5e+3, true, false, null, "x\\u00e9\\n"]}  '],
    ['"just text"'],
    ['0'],
  ])('accepts valid JSON %s', (text) => {
    expect(findJsonError(text)).toBeUndefined();
  });

  it.each([
    ['{"a":1,}', 'Unexpected token } at position 7'],
    ['{"a" 1}', 'Unexpected token 1 at position 5'],
    ["{'a':1}", "Unexpected token ' at position 1"],
    ['[1,2', 'Unexpected end of JSON input at position 4'],
    ['', 'Unexpected end of JSON input at position 0'],
    ['{"a":tru}', 'Unexpected token } at position 8'],
    ['{"a":01}', 'Unexpected token 1 at position 6'],
    ['{"a":1} x', 'Unexpected token x at position 8'],
    ['"tab\there"', 'Unexpected token \\t at position 4'],
    ['{"a":"\\x"}', 'Unexpected token x at position 7'],
    ['{"a":-}', 'Unexpected token } at position 6'],
  ])('reports %s as %s', (text, message) => {
    expect(findJsonError(text)?.message).toBe(message);
  });

  it('agrees with JSON.parse wherever Node names a position', () => {
    const broken = [
      '{"a":1,}',
      '[1,,2]',
      '{"a" 1}',
      '{"a":1}}',
      '[true false]',
      '{"a":"b",,"c":1}',
      '{"a":nul}',
    ];
    for (const text of broken) {
      let nodeMessage = '';
      try {
        JSON.parse(text);
      } catch (err) {
        nodeMessage = (err as Error).message;
      }
      const position = /position (\d+)/.exec(nodeMessage)?.[1];
      if (position !== undefined) expect(findJsonError(text)?.position).toBe(Number(position));
      else expect(findJsonError(text)).toBeDefined();
    }
  });
});

describe('parseJsonField', () => {
  it('returns the parsed value', () => {
    expect(parseJsonField('Request body', '{"enable":true}')).toEqual({ enable: true });
  });

  it('names the field and the position of the bad character', () => {
    const text = '{"CompanyName":"Acme","Country":"France",}';
    expect(text.indexOf('}')).toBe(41);
    expect(messageOf(() => parseJsonField('License Params', text))).toBe(
      'License Params is not valid JSON: Unexpected token } at position 41',
    );
  });

  it('reports a text that stops early', () => {
    const err = (() => {
      try {
        parseJsonField('Request body', '{"enable":', 'body');
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(err?.code).toBe('validation');
    expect(err?.issues).toEqual([
      {
        field: 'body',
        message: 'Request body is not valid JSON: Unexpected end of JSON input at position 10',
      },
    ]);
  });
});
