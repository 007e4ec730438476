import type { EntityRow } from './rows';

/** What `help <entity>` teaches: its verbs (those whose operation exists), its short field names, examples. */
export interface EntityUsage {
  /** Usage line → the operation key it runs. */
  verbs: { line: string; op: string }[];
  aliases: { alias: string; property: string }[];
  /** Three commands that run as shown, reading only. */
  examples: string[];
  otherFields: number;
}

export function entityUsage(row: EntityRow): EntityUsage {
  const { plural, singular, ops } = row;
  const verbs: EntityUsage['verbs'] = [
    { line: `${plural} [words…] [field=value…]`, op: ops.list },
    { line: `${singular} <number, name, email, id:N or @mention>`, op: ops.get ?? ops.list },
  ];
  if (ops.create) verbs.push({ line: `${singular} add field=value…  (no fields: a form)`, op: ops.create });
  if (ops.update) verbs.push({ line: `${singular} <ref> set field=value…`, op: ops.update });
  if (ops.delete) verbs.push({ line: `${singular} <ref> delete  (asks you to confirm)`, op: ops.delete });
  if (ops.update)
    for (const list of row.lists)
      verbs.push({ line: `${singular} <ref> ${list.word} add|remove <ref>…`, op: ops.update });
  const aliases = Object.entries(row.aliases)
    .filter(([, p]) => p in row.properties)
    .map(([alias, property]) => ({ alias, property }));
  // One object by Id where the set is keyed by one; else the raw answer, which every list has.
  const byId = row.key in row.properties && row.keyKind === 'integer';
  const examples = [plural, `${plural} $top=5`, byId ? `${singular} id:1` : `${plural} --json`];
  const named = new Set(aliases.map((a) => a.property));
  const otherFields = Object.keys(row.properties).filter((p) => !named.has(p)).length;
  return { verbs, aliases, examples, otherFields };
}
