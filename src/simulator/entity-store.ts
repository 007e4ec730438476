import type { EntitySetModel } from './entity-model';
import type { Entity, SimState } from './types';

/**
 * Indexes over the rows of `state.sets`: by key and by each alternate key, and one extension-number space over
 * every extension-bearing set. The rows stay plain arrays in the state (tests and /_sim/state read them); an index
 * is rebuilt only when its array was replaced (reset) or changed in length behind the store's back.
 */

class TableIndex {
  readonly byField = new Map<string, Map<unknown, Entity>>();
  length = -1;

  constructor(
    readonly rows: Entity[],
    private readonly fields: string[],
  ) {}

  fresh(): this {
    if (this.length === this.rows.length) return this;
    this.byField.clear();
    for (const field of this.fields) {
      const map = new Map<unknown, Entity>();
      for (const row of this.rows)
        if (row[field] !== undefined && row[field] !== null) map.set(row[field], row);
      this.byField.set(field, map);
    }
    this.length = this.rows.length;
    return this;
  }
}

export interface NumberOwner {
  set: string;
  row: Entity;
}

export class EntityStore {
  private readonly indexes = new Map<string, TableIndex>();
  private readonly extensionSets: EntitySetModel[];
  /** Every set name and resource, sorted: the audit log's object types. */
  readonly kinds: string[];

  constructor(
    private readonly state: SimState,
    readonly models: Map<string, EntitySetModel>,
  ) {
    this.extensionSets = [...models.values()].filter((m) => m.extension);
    this.kinds = [...models.keys()].sort();
  }

  rows(set: string): Entity[] {
    let rows = this.state.sets[set];
    if (!rows) {
      rows = [];
      this.state.sets[set] = rows;
    }
    return rows;
  }

  private index(model: EntitySetModel): TableIndex {
    const rows = this.rows(model.set);
    let index = this.indexes.get(model.set);
    if (!index || index.rows !== rows) {
      const fields = [...(model.key ? [model.key] : []), ...model.altKeys];
      if (model.extension && !fields.includes('Number')) fields.push('Number');
      if (model.uniqueName) fields.push('Name');
      index = new TableIndex(rows, fields);
      this.indexes.set(model.set, index);
    }
    return index.fresh();
  }

  find(model: EntitySetModel, field: string, value: unknown): Entity | undefined {
    const map = this.index(model).byField.get(field);
    if (map) return map.get(value);
    return this.rows(model.set).find((row) => row[field] === value);
  }

  insert(model: EntitySetModel, row: Entity): void {
    const index = this.index(model);
    index.rows.push(row);
    for (const [field, map] of index.byField) if (row[field] != null) map.set(row[field], row);
    index.length = index.rows.length;
  }

  remove(model: EntitySetModel, row: Entity): void {
    const index = this.index(model);
    const at = index.rows.indexOf(row);
    if (at < 0) return;
    index.rows.splice(at, 1);
    for (const [field, map] of index.byField) if (map.get(row[field]) === row) map.delete(row[field]);
    index.length = index.rows.length;
  }

  /** Applies `changes` to `row`, keeping the indexes of changed indexed fields right. */
  update(model: EntitySetModel, row: Entity, changes: Entity): void {
    const index = this.index(model);
    for (const [field, map] of index.byField) {
      if (!(field in changes)) continue;
      if (map.get(row[field]) === row) map.delete(row[field]);
      if (changes[field] != null) map.set(changes[field], row);
    }
    Object.assign(row, changes);
  }

  /** Who holds extension `number`, in any extension-bearing set. */
  numberOwner(number: unknown): NumberOwner | undefined {
    if (number === undefined || number === null || number === '') return undefined;
    for (const model of this.extensionSets) {
      const row = this.index(model).byField.get('Number')?.get(number);
      if (row) return { set: model.set, row };
    }
    return undefined;
  }

  /** The lowest free extension from 100 up, what Users.GetFirstAvailableExtensionNumber answers. */
  firstFreeNumber(from = 100): string {
    let n = from;
    while (this.numberOwner(String(n))) n++;
    return String(n);
  }

  /** The next Id of an integer-keyed set: one above the highest ever handed out. */
  nextId(model: EntitySetModel): number {
    const key = model.key ?? 'Id';
    let next = this.state.nextId[model.set];
    if (next === undefined) {
      next = 1;
      for (const row of this.rows(model.set)) {
        const id = row[key];
        if (typeof id === 'number' && id >= next) next = id + 1;
      }
    }
    this.state.nextId[model.set] = next + 1;
    return next;
  }
}
