import { defaultCatalogue } from '../../src/api/catalogue';
import { entitySetModels } from '../../src/simulator/entity-model';
import { errorOf, useSimulator } from './helpers';

const catalogue = defaultCatalogue();
const models = entitySetModels(catalogue);
const has = (method: string, path: string) =>
  catalogue.operations.some((op) => op.method === method && op.path === path);

/** Every set the document lets a client create, read, update and delete by key. */
const CRUD_SETS = [...models.values()].filter(
  (m) =>
    m.key &&
    has('POST', `/${m.set}`) &&
    ['GET', 'PATCH', 'DELETE'].every((method) => has(method, `/${m.set}({${m.key}})`)),
);

const literal = (v: unknown) =>
  typeof v === 'string' ? `'${encodeURIComponent(v.replace(/'/g, "''"))}'` : String(v);

/** A plain text property the test can change: not the key, not a number, not an enum or navigation. */
function textProperty(set: string): string | undefined {
  const model = models.get(set);
  const type = catalogue.resolve({ kind: 'ref', name: model?.typeName ?? '' });
  if (!model || type.kind !== 'object') return undefined;
  return Object.entries(type.properties)
    .filter(([name]) => name !== model.key && name !== 'Number' && !model.navigation.includes(name))
    .filter(([name]) => !model.altKeys.includes(name))
    .find(([, node]) => {
      const t = catalogue.resolve(node);
      return t.kind === 'string' && !t.enum && !t.format && (t.maxLength ?? 100) >= 20;
    })?.[0];
}

describe('every entity set round-trips create → get → patch → get → delete → 404', () => {
  const box = useSimulator();

  it('covers the sets the document makes fully writable', () => {
    expect(CRUD_SETS.map((m) => m.set)).toEqual(
      expect.arrayContaining([
        'Users',
        'Groups',
        'Queues',
        'RingGroups',
        'Trunks',
        'Fax',
        'Parkings',
        'Contacts',
      ]),
    );
    expect(CRUD_SETS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(CRUD_SETS.map((m) => [m.set, m] as const))('%s', async (set, model) => {
    const body: Record<string, unknown> = {};
    for (const name of model.required) body[name] = `Round trip ${name}`;
    if (model.key && model.keyKind === 'string') body[model.key] = `rt-${set}`.slice(0, 12);
    const created = await box.xapi.request('POST', `/${set}`, body);
    expect(created.status).toBe(201);
    const row = created.body as Record<string, unknown>;
    const key = row[model.key as string];
    expect(key).toBeDefined();
    if (model.extension && set !== 'Groups') expect(row.Number).toMatch(/^\d+$/);
    const path = `/${set}(${literal(key)})`;
    expect((await box.xapi.get(path)).body).toMatchObject({ [model.key as string]: key });

    const field = textProperty(set);
    if (field) {
      expect((await box.xapi.request('PATCH', path, { [field]: 'Changed by the round trip' })).status).toBe(
        204,
      );
      expect((await box.xapi.get(path)).body).toMatchObject({ [field]: 'Changed by the round trip' });
    }
    expect((await box.xapi.request('DELETE', path)).status).toBe(204);
    for (const method of ['GET', 'PATCH', 'DELETE']) {
      const gone = await box.xapi.request(method, path, method === 'PATCH' ? {} : undefined);
      expect(gone.status).toBe(404);
      expect(errorOf(gone)).toEqual(
        expect.objectContaining({ code: '404', message: expect.stringContaining(set) }),
      );
    }
  });

  it('answers 404 for a missing key on paths below the entity too', async () => {
    const res = await box.xapi.request('POST', '/Users(99999)/Pbx.SendWelcomeEmail', {});
    expect(res.status).toBe(404);
    expect(errorOf(res).message).toBe('Users(99999) does not exist.');
  });

  it('serves row 2 as row 2 and keeps keys unique in every keyed set', async () => {
    for (const model of models.values()) {
      if (!model.key) continue;
      const rows = box.sim.state.sets[model.set] ?? [];
      expect(new Set(rows.map((r) => r[model.key as string])).size).toBe(rows.length);
    }
    const second = box.sim.state.sets.Contacts?.[1];
    expect((await box.xapi.get(`/Contacts(${String(second?.Id)})`)).body).toMatchObject({
      Id: second?.Id,
      FirstName: second?.FirstName,
    });
  });

  it('replaces a list property given in a PATCH, as 3CX does', async () => {
    const path = '/Users(1)';
    expect((await box.xapi.request('PATCH', path, { Tags: ['MS', 'Teams'] })).status).toBe(204);
    expect((await box.xapi.request('PATCH', path, { Tags: ['WakeUp'] })).status).toBe(204);
    expect(((await box.xapi.get(path)).body as { Tags: unknown[] }).Tags).toEqual(['WakeUp']);
  });
});
