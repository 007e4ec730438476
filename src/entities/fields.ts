import type { OperationCatalogue, TypeNode } from '../api/catalogue';
import { fieldValue, ValidationError } from '../api/validation';
import { closest } from '../text/did-you-mean';
import type { EntityRow } from './rows';

/**
 * `field=value` pairs of `add`/`set` → the JSON body: the field is an XAPI property in any case or an alias of the
 * set (`email` = EmailAddress), the value typed by the property's schema (numbers, on/off, enums in any case,
 * comma lists). Every problem is named with its fix; nothing is sent while one remains.
 */

export type FieldsResult = { ok: true; body: Record<string, unknown> } | { ok: false; problems: string[] };

/** The property a typed field name means, or undefined. */
export function propertyFor(row: EntityRow, given: string): string | undefined {
  const lower = given.toLowerCase();
  const alias = Object.entries(row.aliases).find(([a]) => a === lower)?.[1];
  if (alias && alias in row.properties) return alias;
  return Object.keys(row.properties).find((p) => p.toLowerCase() === lower);
}

export function fieldNames(row: EntityRow): string[] {
  return Object.keys(row.properties).filter((p) => p !== row.key || row.keyKind === 'string');
}

export function typeFields(
  catalogue: OperationCatalogue,
  row: EntityRow,
  pairs: { key: string; value: string }[],
): FieldsResult {
  const body: Record<string, unknown> = {};
  const problems: string[] = [];
  for (const { key, value } of pairs) {
    const property = propertyFor(row, key);
    if (!property) {
      problems.push(unknownField(row, key));
      continue;
    }
    if (property === row.key && row.keyKind === 'integer') {
      problems.push(`${property} is chosen by 3CX and cannot be set.`);
      continue;
    }
    const node = row.properties[property] as TypeNode;
    const enumProblem = checkEnum(catalogue, node, property, value);
    if (enumProblem) {
      problems.push(enumProblem);
      continue;
    }
    try {
      body[property] = fieldValue(catalogue, node, property, normaliseEnumText(catalogue, node, value));
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      problems.push(...err.issues.map((i) => i.message));
    }
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, body };
}

function unknownField(row: EntityRow, key: string): string {
  const aliases = Object.keys(row.aliases);
  const guess = closest(key, [...aliases, ...Object.keys(row.properties).map((p) => p.toLowerCase())]);
  const meant = guess
    ? row.aliases[guess]
      ? guess
      : Object.keys(row.properties).find((p) => p.toLowerCase() === guess)
    : undefined;
  const shown = aliases.length > 0 ? aliases.join(', ') : fieldNames(row).slice(0, 12).join(', ');
  return (
    `"${key}" is not a field of a ${row.label}.${meant ? ` Did you mean \`${meant}\`?` : ''} ` +
    `Fields: ${shown}, or any property name (\`/3cx help ${row.singular}\` lists them).`
  );
}

/** An enum value in any case; a near miss gets a did-you-mean, the rest the list of members. */
function checkEnum(
  catalogue: OperationCatalogue,
  node: TypeNode,
  property: string,
  value: string,
): string | undefined {
  const t = catalogue.resolve(node);
  if (t.kind !== 'string' || !t.enum || t.enum.length === 0 || t.flags) return undefined;
  const members = t.enum;
  const typed = value.replace(/[\s_-]/g, '').toLowerCase();
  if (members.some((m) => m.toLowerCase() === typed)) return undefined;
  const guess = closest(
    typed,
    members.map((m) => m.toLowerCase()),
  );
  const meant = guess ? members.find((m) => m.toLowerCase() === guess) : undefined;
  return `${property} cannot be "${value}".${meant ? ` Did you mean ${meant}?` : ''} It is one of: ${members.join(', ')}.`;
}

/** Enum text as typed (`longest waiting`) → the member (`LongestWaiting`), so `set strategy="ring all"` works. */
export function normaliseEnumText(catalogue: OperationCatalogue, node: TypeNode, value: string): string {
  const t = catalogue.resolve(node);
  if (t.kind !== 'string' || !t.enum) return value;
  const typed = value.replace(/[\s_-]/g, '').toLowerCase();
  return t.enum.find((m) => m.toLowerCase() === typed) ?? value;
}
