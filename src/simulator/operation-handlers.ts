import type { Operation, OperationCatalogue } from '../api/catalogue';
import type { EntitySetModel } from './entity-model';
import { entitySetHandler } from './entity-sets';
import { collectionAnswer, entityAnswer, type OpHandler } from './handler-kit';
import { HEADLINE_HANDLERS } from './headline-operations';
import { ACTION_HANDLERS } from './pbx-actions';
import { pinSampleTimes, sampleValue, secondSample } from './sample-values';

/**
 * One handler per catalogue operation, chosen once: the operations with visible effects first, then the
 * stateful entity sets, and for everything else an answer built from the catalogue's response shape.
 */

function contextName(op: Operation): string {
  const type = op.response.type;
  const name = type?.kind === 'ref' ? `Pbx.${type.name}` : op.resource;
  return op.response.kind === 'collection' ? `Collection(${name})` : name;
}

/**
 * Answers from the response shape alone: 204, a sample entity, a list of two samples, or `{"value": sample}`. The
 * sample is built once; its dates are pinned to the moment of each answer, so they stay recent however long the
 * simulator runs.
 */
export function genericHandler(op: Operation, catalogue: OperationCatalogue): OpHandler {
  const { kind, status, type } = op.response;
  // Built on first call: most operations are never called in a given run.
  let sample: unknown;
  let built = false;
  const getSample = (now: number): unknown => {
    if (!built) {
      sample = type ? sampleValue(catalogue, type) : {};
      built = true;
    }
    return pinSampleTimes(structuredClone(sample), now);
  };
  const context = contextName(op);
  switch (kind) {
    case 'none':
      return () => ({ status });
    case 'entity':
      return (ctx) =>
        entityAnswer(ctx, ctx.state.singletons[op.key] ?? getSample(ctx.now()), context, status);
    case 'collection':
      return (ctx) => {
        const rows = ctx.state.reports[op.key];
        if (rows) return collectionAnswer(ctx, rows, context);
        const first = getSample(ctx.now());
        return collectionAnswer(ctx, [first, secondSample(first)], context);
      };
    case 'value':
      return (ctx) => ({
        status,
        body: { '@odata.context': `${ctx.serviceRoot}/$metadata#${context}`, value: getSample(ctx.now()) },
      });
  }
}

export class OperationHandlers {
  private readonly byKey = new Map<string, OpHandler>();

  constructor(catalogue: OperationCatalogue, models: Map<string, EntitySetModel>) {
    for (const op of catalogue.operations) {
      const generic = genericHandler(op, catalogue);
      const special = HEADLINE_HANDLERS[op.key] ?? ACTION_HANDLERS[op.key];
      const onSet = entitySetHandler(op, special ?? generic, models);
      // Actions below an entity (DropCall …) still get the set's 404 for a missing key.
      this.byKey.set(op.key, (special && !op.path.includes('({') ? special : onSet) ?? special ?? generic);
    }
  }

  get(op: Operation): OpHandler | undefined {
    return this.byKey.get(op.key);
  }
}
