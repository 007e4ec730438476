import type { TypeNode } from '../api/catalogue';
import type { EntitySetModel } from './entity-model';
import type { OpContext } from './handler-kit';
import { badRequest } from './odata-error';
import { applyQuery, parseQueryOptions, type QueryOptions, selectFields } from './odata-query';
import type { Entity } from './types';

/**
 * Navigation properties as OData serves them: absent from rows unless `$expand`ed, expanded with nested
 * `$select`/`$filter`/…, and always live: member lists name entities that exist now, by the names they have now.
 */

export interface ExpandItem {
  name: string;
  options: QueryOptions;
}

/** Splits on `sep` outside parentheses and quotes. */
function splitTop(text: string, sep: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") quoted = !quoted;
    else if (!quoted && c === '(') depth++;
    else if (!quoted && c === ')') depth--;
    else if (!quoted && depth === 0 && c === sep) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

export function navigationItemType(ctx: OpContext, model: EntitySetModel, nav: string): TypeNode | undefined {
  const type = ctx.catalogue.resolve({ kind: 'ref', name: model.typeName });
  if (type.kind !== 'object') return undefined;
  const prop = type.properties[nav];
  if (!prop) return undefined;
  const resolved = ctx.catalogue.resolve(prop);
  return resolved.kind === 'array' ? resolved.items : prop;
}

/** `$expand=Agents($select=Number,Name),Groups` checked against the set's navigation properties. */
export function parseExpand(ctx: OpContext, model: EntitySetModel): ExpandItem[] {
  const entry = Object.entries(ctx.query).find(([name]) => name.toLowerCase() === '$expand');
  if (!entry) return [];
  const text = entry[1];
  const names = text.trim() === '*' ? model.navigation : splitTop(text, ',');
  return names.map((part) => {
    const m = /^([A-Za-z0-9_]+)(?:\((.*)\))?$/s.exec(part);
    const wanted = m?.[1];
    const nav = wanted ? model.navigation.find((n) => n.toLowerCase() === wanted.toLowerCase()) : undefined;
    if (!nav) {
      const known = model.navigation.length > 0 ? model.navigation.join(', ') : 'none';
      throw badRequest(
        `Invalid $expand "${text}": ${wanted ?? part} is not a navigation property of ${model.set} (it has: ${known}).`,
        '$expand',
      );
    }
    const nested: Record<string, string> = {};
    for (const option of splitTop(m?.[2] ?? '', ';')) {
      const eq = option.indexOf('=');
      if (eq < 1)
        throw badRequest(`Invalid $expand "${text}": write ${nav}($select=A,B;$filter=…).`, '$expand');
      nested[option.slice(0, eq).trim()] = option.slice(eq + 1).trim();
    }
    const resolver = ctx.fields.resolver(navigationItemType(ctx, model, nav), `${model.set}/${nav}`);
    return { name: nav, options: parseQueryOptions(nested, resolver) };
  });
}

/** Lists whose items stand for extensions by their Number. */
const MEMBER_LISTS = new Set(['Agents', 'Managers', 'Members']);

function nameOf(row: Entity): unknown {
  if (typeof row.DisplayName === 'string' && row.DisplayName !== '') return row.DisplayName;
  if (typeof row.FirstName === 'string') return `${row.FirstName} ${row.LastName ?? ''}`.trim();
  return row.Name ?? null;
}

/** The items of `nav` on `row` as they are now: members that exist, under their current names. */
export function navigationRows(ctx: OpContext, model: EntitySetModel, row: Entity, nav: string): Entity[] {
  const stored = Array.isArray(row[nav]) ? (row[nav] as Entity[]) : [];
  const groups = ctx.store.models.get('Groups');
  const out: Entity[] = [];
  const seen = new Set<unknown>();
  for (const item of stored) {
    if (item === null || typeof item !== 'object') continue;
    if (nav === 'Groups' && groups && item.GroupId != null) {
      const group = ctx.store.find(groups, 'Id', item.GroupId);
      if (group) out.push({ ...item, Name: group.Name ?? item.Name, Number: group.Number ?? item.Number });
      continue;
    }
    if (typeof item.Number === 'string' && MEMBER_LISTS.has(nav)) {
      const owner = ctx.store.numberOwner(item.Number);
      if (!owner) continue;
      seen.add(item.Number);
      const name = nameOf(owner.row);
      out.push('MemberName' in item ? { ...item, MemberName: name } : { ...item, Name: name });
      continue;
    }
    out.push(item);
  }
  // A group's members are whoever names the group among their own Groups.
  if (model.set === 'Groups' && nav === 'Members') {
    for (const set of ctx.store.models.values()) {
      if (!set.extension || set.set === 'Groups') continue;
      for (const member of ctx.store.rows(set.set)) {
        const link = Array.isArray(member.Groups)
          ? (member.Groups as Entity[]).find((g) => g?.GroupId === row.Id)
          : undefined;
        if (!link || seen.has(member.Number)) continue;
        out.push({
          Id: member.Id,
          GroupId: row.Id,
          Name: row.Name,
          Number: member.Number,
          MemberName: nameOf(member),
          Rights: link.Rights ?? null,
          Tags: [],
        });
      }
    }
  }
  return out;
}

/** A row as answered: navigation properties left out unless expanded, $select applied to the rest. */
export function present(
  ctx: OpContext,
  model: EntitySetModel,
  row: Entity,
  select: readonly string[] | undefined,
  expand: readonly ExpandItem[],
): Entity {
  const plain: Entity = {};
  for (const [name, value] of Object.entries(row)) if (!model.navigation.includes(name)) plain[name] = value;
  const out = selectFields(plain, select) as Entity;
  for (const item of expand) {
    const value = row[item.name];
    if (value !== undefined && value !== null && !Array.isArray(value) && item.name !== 'Members') {
      out[item.name] = value;
      continue;
    }
    out[item.name] = applyQuery(navigationRows(ctx, model, row, item.name), item.options).value;
  }
  return out;
}
