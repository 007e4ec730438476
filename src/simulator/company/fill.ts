import { defaultCatalogue, type OperationCatalogue } from '../../api/catalogue';
import { sampleOf } from '../sample-values';

/**
 * Full rows of catalogue types: every property the schema names, with what the company sets laid over plausible
 * defaults. Lists of objects start empty — they are navigation properties or child lists the company fills itself —
 * so no row carries an invented member.
 */

export type Row = Record<string, unknown>;

// Kept as JSON text: parsing it is the fastest deep copy for the thousands of rows a large company needs.
const templates = new WeakMap<OperationCatalogue, Map<string, string>>();

function templateOf(catalogue: OperationCatalogue, type: string): string {
  let cache = templates.get(catalogue);
  if (!cache) {
    cache = new Map();
    templates.set(catalogue, cache);
  }
  let template = cache.get(type);
  if (!template) {
    const sample = sampleOf(catalogue, type);
    if (sample === null || typeof sample !== 'object' || Array.isArray(sample))
      throw new Error(`${type} is not an object type of the catalogue`);
    const row: Row = {};
    for (const [name, value] of Object.entries(sample as Row)) {
      const objectList = Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object');
      row[name] = objectList ? [] : value;
    }
    template = JSON.stringify(row);
    cache.set(type, template);
  }
  return template;
}

/** A new row of `type`: its defaults, then `values`. Nothing is shared between rows. */
export function fill(type: string, values: Row, catalogue: OperationCatalogue = defaultCatalogue()): Row {
  return Object.assign(JSON.parse(templateOf(catalogue, type)) as Row, values);
}

/** A row's entry in the Peers list (what a member list or a directory shows of it). */
export function peerOf(row: Row, type: string, name: unknown): Row {
  return fill('Peer', {
    Id: row.Id,
    Number: row.Number,
    Name: name,
    Type: type,
    Hidden: false,
    MemberOf: [],
    Tags: [],
  });
}
