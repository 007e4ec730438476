import { defaultCatalogue, OperationCatalogue, type TypeNode } from '../../../src/api/catalogue';
import { sampleRequest, schemaForType, validateRequest } from '../../../src/api/validation';

describe('every operation of the catalogue', () => {
  const catalogue = defaultCatalogue();

  it('has 601 operations', () => {
    expect(catalogue.size).toBe(601);
  });

  it.each([false, true])('accepts its sample request (arguments as text: %s)', (asText) => {
    const failures: string[] = [];
    for (const op of catalogue.operations) {
      const input = sampleRequest(catalogue, op, { asText });
      try {
        const valid = validateRequest(catalogue, op, input);
        const pathParams = op.params.filter((p) => p.in === 'path').map((p) => p.name);
        expect(Object.keys(valid.params).sort()).toEqual(pathParams.sort());
        if (op.body) expect(valid.body).toBeDefined();
      } catch (err) {
        failures.push(`${op.key}: ${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
  });

  // What keeps this fast is that each schema is built once per catalogue: asserted here, where a stopwatch on a
  // shared machine would fail for reasons that are not the code's.
  it('builds and exercises every schema on a fresh catalogue, each one once', () => {
    const fresh = new OperationCatalogue(catalogue.data);
    const built = new Map<TypeNode, unknown>();
    for (const op of fresh.operations) {
      for (const param of op.params) built.set(param.type, schemaForType(fresh, param.type));
      if (op.body) built.set(op.body.type, schemaForType(fresh, op.body.type));
      validateRequest(fresh, op, sampleRequest(fresh, op));
    }
    for (const [type, schema] of built) expect(schemaForType(fresh, type)).toBe(schema);
  });

  it('caches schemas per catalogue and type', () => {
    const fresh = new OperationCatalogue(catalogue.data);
    const body = fresh.get('Services.Restart')?.body?.type;
    if (!body) throw new Error('Services.Restart has no body');
    expect(schemaForType(fresh, body)).toBe(schemaForType(fresh, body));
    expect(schemaForType(fresh, body)).not.toBe(schemaForType(catalogue, body));
  });
});
