import { ValidationError } from './errors';

/** The first place where a text stops being JSON, 0-based. */
export interface JsonProblem {
  /** `Unexpected token } at position 41` or `Unexpected end of JSON input at position 12`. */
  message: string;
  position: number;
}

class Stop {
  constructor(readonly problem: JsonProblem) {}
}

/**
 * Node 20's JSON.parse messages often leave out where the text went wrong, and a person fixing a one-line JSON in
 * Slack needs exactly that. This scanner follows RFC 8259 closely enough to find the same first bad character.
 */
export function findJsonError(text: string): JsonProblem | undefined {
  let i = 0;

  const unexpected = (): never => {
    if (i >= text.length) {
      throw new Stop({ message: `Unexpected end of JSON input at position ${i}`, position: i });
    }
    const code = text.codePointAt(i) ?? 0;
    // A raw control character would be invisible in the message, so it is shown escaped.
    const token =
      code < 0x20 ? JSON.stringify(String.fromCodePoint(code)).slice(1, -1) : String.fromCodePoint(code);
    throw new Stop({ message: `Unexpected token ${token} at position ${i}`, position: i });
  };
  const skipSpace = (): void => {
    while (i < text.length && ' \t\n\r'.includes(text.charAt(i))) i++;
  };
  const expect = (ch: string): void => {
    if (text.charAt(i) !== ch) unexpected();
    i++;
  };
  const digits = (): void => {
    if (!/[0-9]/.test(text.charAt(i))) unexpected();
    while (/[0-9]/.test(text.charAt(i))) i++;
  };

  const string = (): void => {
    expect('"');
    for (;;) {
      if (i >= text.length) unexpected();
      const ch = text.charAt(i);
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === '\\') {
        i++;
        const esc = text.charAt(i);
        if (esc === 'u') {
          i++;
          for (let n = 0; n < 4; n++) {
            if (!/[0-9a-fA-F]/.test(text.charAt(i))) unexpected();
            i++;
          }
        } else if (esc !== '' && '"\\/bfnrt'.includes(esc)) {
          i++;
        } else {
          unexpected();
        }
      } else if (ch.charCodeAt(0) < 0x20) {
        unexpected();
      } else {
        i++;
      }
    }
  };

  const number = (): void => {
    if (text.charAt(i) === '-') i++;
    if (text.charAt(i) === '0') i++;
    else digits();
    if (text.charAt(i) === '.') {
      i++;
      digits();
    }
    if (text.charAt(i) === 'e' || text.charAt(i) === 'E') {
      i++;
      if (text.charAt(i) === '+' || text.charAt(i) === '-') i++;
      digits();
    }
  };

  const literal = (word: string): void => {
    for (const ch of word) expect(ch);
  };

  const value = (): void => {
    skipSpace();
    const ch = text.charAt(i);
    if (ch === '{') object();
    else if (ch === '[') array();
    else if (ch === '"') string();
    else if (ch === '-' || /[0-9]/.test(ch)) number();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else unexpected();
  };

  const object = (): void => {
    expect('{');
    skipSpace();
    if (text.charAt(i) === '}') {
      i++;
      return;
    }
    for (;;) {
      skipSpace();
      string();
      skipSpace();
      expect(':');
      value();
      skipSpace();
      if (text.charAt(i) !== ',') {
        expect('}');
        return;
      }
      i++;
    }
  };

  const array = (): void => {
    expect('[');
    skipSpace();
    if (text.charAt(i) === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipSpace();
      if (text.charAt(i) !== ',') {
        expect(']');
        return;
      }
      i++;
    }
  };

  try {
    value();
    skipSpace();
    if (i < text.length) unexpected();
    return undefined;
  } catch (err) {
    if (err instanceof Stop) return err.problem;
    throw err;
  }
}

/**
 * Parses JSON a person typed. The error names the field by `label` and says where the text goes wrong:
 * `License Params is not valid JSON: Unexpected token } at position 41`.
 */
export function parseJsonField(label: string, text: string, field: string = label): unknown {
  try {
    return JSON.parse(text);
  } catch {
    // The scanner and JSON.parse agree on what JSON is; the fallback only keeps the promise of a position.
    const problem = findJsonError(text) ?? { message: 'Unexpected token at position 0', position: 0 };
    throw new ValidationError([{ field, message: `${label} is not valid JSON: ${problem.message}` }]);
  }
}
