import { defaultCatalogue, OperationCatalogue } from '../../../src/api/catalogue';
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

  // How fast is `npm run bench`'s business: a wall-clock bound here failed on a loaded 2-core machine.
  it('builds and exercises every schema on a fresh catalogue', () => {
    const fresh = new OperationCatalogue(catalogue.data);
    for (const op of fresh.operations) {
      for (const param of op.params) schemaForType(fresh, param.type);
      if (op.body) schemaForType(fresh, op.body.type);
      expect(() => validateRequest(fresh, op, sampleRequest(fresh, op))).not.toThrow();
    }
  });

  it('caches schemas per catalogue and type', () => {
    const fresh = new OperationCatalogue(catalogue.data);
    const body = fresh.get('Services.Restart')?.body?.type;
    if (!body) throw new Error('Services.Restart has no body');
    expect(schemaForType(fresh, body)).toBe(schemaForType(fresh, body));
    expect(schemaForType(fresh, body)).not.toBe(schemaForType(catalogue, body));
  });
});
