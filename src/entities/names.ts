/** How an entity set is typed in a command: kebab case, plural and singular (`RingGroups` → `ring-groups`, `ring-group`). */

export function kebab(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();
}

/** English plurals as the XAPI spells its sets; a name that is not plural (`Fax`, `Blocklist`) stays as it is. */
export function singularOf(plural: string): string {
  if (/ies$/.test(plural)) return plural.replace(/ies$/, 'y');
  if (/(ss|us)$/.test(plural)) return plural;
  if (/s$/.test(plural)) return plural.slice(0, -1);
  return plural;
}

/** Lower case without accents: `Zoë Müller` → `zoe muller`, so `zoe` finds her. */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase();
}
