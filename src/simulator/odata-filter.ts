import { badRequest, type ODataError } from './odata-error';

/**
 * `$filter`: a tokenizer, a recursive-descent parser and an evaluator for the part of OData v4 that clients of
 * the XAPI use: eq ne gt ge lt le, and or not, parentheses, `in (…)`, contains / startswith / endswith /
 * tolower / toupper / trim / length, and literals (strings with '' escapes, numbers, true false null, date-times,
 * GUIDs). Property names are checked against the entity type, as 3CX does, so a typo is a 400, not an empty list.
 */

/** What a property holds, as far as comparisons care. `unknown` accepts anything. */
export type FieldType = 'string' | 'number' | 'boolean' | 'datetime' | 'complex' | 'unknown';

/** Maps a property path as written to the canonical one and its type; a string answer is the reason it is wrong. */
export type FieldResolver = (path: string[]) => { path: string[]; type: FieldType } | string;

type Literal = string | number | boolean | null;

export type FilterNode =
  | { kind: 'literal'; value: Literal; type: FieldType | 'null' }
  | { kind: 'field'; path: string[]; type: FieldType }
  | { kind: 'compare'; op: CompareOp; left: FilterNode; right: FilterNode }
  | { kind: 'in'; operand: FilterNode; list: FilterNode[] }
  | { kind: 'logical'; op: 'and' | 'or'; left: FilterNode; right: FilterNode }
  | { kind: 'not'; operand: FilterNode }
  | { kind: 'call'; name: FunctionName; args: FilterNode[]; same?: string };

type CompareOp = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';
const COMPARE_OPS = new Set<string>(['eq', 'ne', 'gt', 'ge', 'lt', 'le']);

const FUNCTIONS = {
  contains: { arity: 2, result: 'boolean' },
  startswith: { arity: 2, result: 'boolean' },
  endswith: { arity: 2, result: 'boolean' },
  tolower: { arity: 1, result: 'string' },
  toupper: { arity: 1, result: 'string' },
  trim: { arity: 1, result: 'string' },
  length: { arity: 1, result: 'number' },
} as const;
type FunctionName = keyof typeof FUNCTIONS;

// ---------------------------------------------------------------------------------------------------------------
// Tokens

type TokenKind = 'ident' | 'string' | 'number' | 'datetime' | 'guid' | '(' | ')' | ',' | 'end';

interface Token {
  kind: TokenKind;
  text: string;
  pos: number;
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![\w-])/;
const NUMBER = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?(?![\w.])/;
const IDENT = /^[A-Za-z_$][\w$]*(?:\/[A-Za-z_$][\w$]*)*/;
// Order matters: a GUID or a date would otherwise start as a number.
const PATTERNS: ReadonlyArray<[TokenKind, RegExp]> = [
  ['guid', GUID],
  ['datetime', DATE_TIME],
  ['number', NUMBER],
  ['ident', IDENT],
];

function filterError(text: string, message: string, pos?: number): ODataError {
  const where = pos === undefined ? '' : ` at position ${pos}`;
  return badRequest(`Invalid $filter "${text}": ${message}${where}.`, '$filter');
}

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i] as string;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ kind: ch, text: ch, pos: i });
      i++;
      continue;
    }
    if (ch === "'") {
      let j = i + 1;
      let value = '';
      for (;;) {
        if (j >= text.length) throw filterError(text, "a text literal is not closed (missing ')", i);
        const c = text[j] as string;
        if (c === "'") {
          if (text[j + 1] === "'") {
            value += "'";
            j += 2;
            continue;
          }
          break;
        }
        value += c;
        j++;
      }
      tokens.push({ kind: 'string', text: value, pos: i });
      i = j + 1;
      continue;
    }
    const rest = text.slice(i);
    let found: Token | undefined;
    for (const [kind, pattern] of PATTERNS) {
      const m = pattern.exec(rest);
      if (m) {
        found = { kind, text: m[0], pos: i };
        break;
      }
    }
    if (!found) throw filterError(text, `unexpected character ${JSON.stringify(ch)}`, i);
    tokens.push(found);
    i += found.text.length;
  }
  tokens.push({ kind: 'end', text: '', pos: text.length });
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------------
// Parser

const describe = (t: Token): string => (t.kind === 'end' ? 'the end of the expression' : `"${t.text}"`);

class Parser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly resolve: FieldResolver,
  ) {}

  private get current(): Token {
    return this.tokens[this.i] as Token;
  }

  // A method, not a property: TypeScript would narrow a property across next() calls it cannot see through.
  private at(): TokenKind {
    return this.current.kind;
  }

  private next(): Token {
    const t = this.current;
    if (this.at() !== 'end') this.i++;
    return t;
  }

  private isWord(word: string): boolean {
    return this.at() === 'ident' && this.current.text.toLowerCase() === word;
  }

  private expect(kind: TokenKind, what: string): Token {
    if (this.at() !== kind) throw this.fail(`expected ${what} but found ${describe(this.current)}`);
    return this.next();
  }

  private fail(message: string, token: Token = this.current): ODataError {
    return filterError(this.text, message, token.pos);
  }

  parse(): FilterNode {
    if (this.at() === 'end') throw this.fail('the expression is empty');
    const node = this.orExpr();
    if (this.at() !== 'end') throw this.fail(`unexpected ${describe(this.current)}`);
    this.requireCondition(node, this.tokens[0] as Token);
    return node;
  }

  private orExpr(): FilterNode {
    let left = this.andExpr();
    while (this.isWord('or')) {
      const at = this.next();
      const right = this.andExpr();
      this.requireCondition(left, at);
      this.requireCondition(right, at);
      left = { kind: 'logical', op: 'or', left, right };
    }
    return left;
  }

  private andExpr(): FilterNode {
    let left = this.notExpr();
    while (this.isWord('and')) {
      const at = this.next();
      const right = this.notExpr();
      this.requireCondition(left, at);
      this.requireCondition(right, at);
      left = { kind: 'logical', op: 'and', left, right };
    }
    return left;
  }

  private notExpr(): FilterNode {
    if (this.isWord('not')) {
      const at = this.next();
      const operand = this.notExpr();
      this.requireCondition(operand, at);
      return { kind: 'not', operand };
    }
    return this.comparison();
  }

  private comparison(): FilterNode {
    const left = this.primary();
    const t = this.current;
    if (t.kind === 'ident' && COMPARE_OPS.has(t.text.toLowerCase())) {
      this.next();
      const op = t.text.toLowerCase() as CompareOp;
      if (this.at() === 'end') throw this.fail(`expected a value after ${op}`);
      const right = this.primary();
      this.checkComparable(left, right, op, t);
      return { kind: 'compare', op, left, right };
    }
    if (this.isWord('in')) {
      const at = this.next();
      this.expect('(', "'(' after in");
      const list: FilterNode[] = [];
      do {
        const item = this.primary();
        this.checkComparable(left, item, 'in', at);
        list.push(item);
      } while (this.at() === ',' && this.next());
      this.expect(')', "')' to close the in list");
      return { kind: 'in', operand: left, list };
    }
    if (t.kind === 'ident' && ['has', 'add', 'sub', 'mul', 'div', 'mod'].includes(t.text.toLowerCase())) {
      throw this.fail(`the operator ${t.text} is not supported here`);
    }
    return left;
  }

  private primary(): FilterNode {
    const t = this.current;
    switch (t.kind) {
      case '(': {
        this.next();
        const inner = this.orExpr();
        this.expect(')', "')'");
        return inner;
      }
      case 'string':
        this.next();
        return { kind: 'literal', value: t.text, type: 'string' };
      case 'number':
        this.next();
        return { kind: 'literal', value: Number(t.text), type: 'number' };
      case 'datetime':
        this.next();
        if (Number.isNaN(Date.parse(t.text))) throw this.fail(`${t.text} is not a valid date`, t);
        return { kind: 'literal', value: t.text, type: 'datetime' };
      case 'guid':
        this.next();
        return { kind: 'literal', value: t.text, type: 'string' };
      case 'ident':
        return this.identifier();
      default:
        throw this.fail(`expected a property, a value or a function but found ${describe(t)}`);
    }
  }

  private identifier(): FilterNode {
    const t = this.next();
    const word = t.text.toLowerCase();
    if (word === 'true' || word === 'false')
      return { kind: 'literal', value: word === 'true', type: 'boolean' };
    if (word === 'null') return { kind: 'literal', value: null, type: 'null' };
    if (this.at() === '(') {
      if (!(word in FUNCTIONS)) throw this.fail(`unknown function ${t.text}`, t);
      const name = word as FunctionName;
      this.next();
      const args: FilterNode[] = [];
      if (this.at() !== ')') {
        do args.push(this.primaryOrExpr());
        while (this.at() === ',' && this.next());
      }
      this.expect(')', `')' to close ${name}(`);
      const { arity } = FUNCTIONS[name];
      if (args.length !== arity) {
        throw this.fail(`${name} takes ${arity} argument${arity === 1 ? '' : 's'}, not ${args.length}`, t);
      }
      for (const arg of args) {
        const type = typeOf(arg);
        if (type !== 'string' && type !== 'unknown' && type !== 'null') {
          throw this.fail(`${name} works on text, but an argument is ${type}`, t);
        }
      }
      // `tolower(FirstName)` of a plain field: a name search repeats it once per spelling, so it is worked out once
      // per row (see `evaluate`), as a database would from its index.
      const only = args[0];
      return only?.kind === 'field' && args.length === 1
        ? { kind: 'call', name, args, same: `${name}(${only.path.join('/')})` }
        : { kind: 'call', name, args };
    }
    if (COMPARE_OPS.has(word) || word === 'and' || word === 'or' || word === 'not') {
      throw this.fail(`expected a property or a value before ${t.text}`, t);
    }
    const resolved = this.resolve(t.text.split('/'));
    if (typeof resolved === 'string') throw this.fail(resolved, t);
    return { kind: 'field', path: resolved.path, type: resolved.type };
  }

  /** Function arguments may be whole expressions, e.g. contains(tolower(Name),'x'). */
  private primaryOrExpr(): FilterNode {
    return this.comparison();
  }

  private checkComparable(left: FilterNode, right: FilterNode, op: string, at: Token): void {
    const a = typeOf(left);
    const b = typeOf(right);
    if (a === 'complex' || b === 'complex') throw this.fail(`${op} cannot compare a structured property`, at);
    if (a === 'unknown' || b === 'unknown' || a === 'null' || b === 'null' || a === b) return;
    // Date-times compare with date-time literals and, leniently, with text.
    if ((a === 'datetime' && b === 'string') || (a === 'string' && b === 'datetime')) return;
    throw this.fail(`${op} compares ${a} with ${b}`, at);
  }

  private requireCondition(node: FilterNode, at: Token): void {
    const type = typeOf(node);
    if (type !== 'boolean' && type !== 'unknown')
      throw this.fail(`expected a condition (true or false), not ${type}`, at);
  }
}

function typeOf(node: FilterNode): FieldType | 'null' {
  switch (node.kind) {
    case 'literal':
    case 'field':
      return node.type;
    case 'call':
      return FUNCTIONS[node.name].result;
    default:
      return 'boolean';
  }
}

export function parseFilter(text: string, resolve: FieldResolver): FilterNode {
  return new Parser(text, tokenize(text), resolve).parse();
}

// ---------------------------------------------------------------------------------------------------------------
// Evaluation

function valueAt(entity: unknown, path: readonly string[]): unknown {
  let current = entity;
  for (const name of path) {
    if (current === null || typeof current !== 'object') return null;
    current = (current as Record<string, unknown>)[name];
  }
  return current ?? null;
}

/** `memo`: the calls on one field already worked out for this row. */
function evaluate(node: FilterNode, entity: unknown, memo: Map<string, unknown>): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'field':
      return valueAt(entity, node.path);
    case 'logical': {
      const left = evaluate(node.left, entity, memo) === true;
      if (node.op === 'and') return left && evaluate(node.right, entity, memo) === true;
      return left || evaluate(node.right, entity, memo) === true;
    }
    case 'not':
      return evaluate(node.operand, entity, memo) !== true;
    case 'compare':
      return compare(node.op, evaluate(node.left, entity, memo), evaluate(node.right, entity, memo), node);
    case 'in': {
      const value = evaluate(node.operand, entity, memo);
      return node.list.some((item) => compare('eq', value, evaluate(item, entity, memo), node));
    }
    case 'call': {
      if (node.same !== undefined && memo.has(node.same)) return memo.get(node.same);
      const value = call(
        node.name,
        node.args.map((a) => evaluate(a, entity, memo)),
      );
      if (node.same !== undefined) memo.set(node.same, value);
      return value;
    }
  }
}

function call(name: FunctionName, args: unknown[]): unknown {
  const [a, b] = args;
  if (typeof a !== 'string')
    return name === 'length' || name.startsWith('to') || name === 'trim' ? null : false;
  switch (name) {
    case 'contains':
      return typeof b === 'string' && a.includes(b);
    case 'startswith':
      return typeof b === 'string' && a.startsWith(b);
    case 'endswith':
      return typeof b === 'string' && a.endsWith(b);
    case 'tolower':
      return a.toLowerCase();
    case 'toupper':
      return a.toUpperCase();
    case 'trim':
      return a.trim();
    case 'length':
      return a.length;
  }
}

function usesDates(node: FilterNode): boolean {
  if (node.kind !== 'compare' && node.kind !== 'in') return false;
  const sides = node.kind === 'compare' ? [node.left, node.right] : [node.operand, ...node.list];
  return sides.some((s) => typeOf(s) === 'datetime');
}

function compare(op: CompareOp, a: unknown, b: unknown, node: FilterNode): boolean {
  if (a === null || b === null || a === undefined || b === undefined) {
    const bothNull = (a ?? null) === null && (b ?? null) === null;
    if (op === 'eq') return bothNull;
    if (op === 'ne') return !bothNull;
    // OData: an ordering comparison with null is false, except null ge/le null.
    return bothNull && (op === 'ge' || op === 'le');
  }
  let x: unknown = a;
  let y: unknown = b;
  if (usesDates(node) && typeof a === 'string' && typeof b === 'string') {
    x = Date.parse(a);
    y = Date.parse(b);
  }
  if (typeof x !== typeof y) return op === 'ne';
  const order = (x as number | string | boolean) < (y as number | string | boolean) ? -1 : x === y ? 0 : 1;
  switch (op) {
    case 'eq':
      return order === 0;
    case 'ne':
      return order !== 0;
    case 'gt':
      return order > 0;
    case 'ge':
      return order >= 0;
    case 'lt':
      return order < 0;
    case 'le':
      return order <= 0;
  }
}

export function matches(filter: FilterNode, entity: unknown): boolean {
  return evaluate(filter, entity, new Map()) === true;
}
