import type { AnyBlock, InputBlock, ModalView, SectionBlock } from '@slack/types';
import type { Operation } from '../../src/api/catalogue';
import { sampleValue } from '../../src/api/validation';
import { fillView } from '../../src/demo/view-state';
import {
  buildMoreFieldsModal,
  buildOperationModal,
  carryState,
  encodeMetadata,
  formPages,
  layoutForm,
} from '../../src/views/modal';
import {
  changesAgainst,
  changesBody,
  editedFields,
  fingerprint,
  initialValues,
} from '../../src/views/modal/prefill';
import { previewModal } from '../../src/views/modal/preview';
import { listDelta } from '../../src/words/lists';
import { catalogue, meta } from './modal-fixtures';

/**
 * Every update form the catalogue has, prefilled with a sample of its object: the form, its "More fields" page and
 * the preview of changing every field stay within Block Kit's limits, an untouched form reads back as no change,
 * and one changed field as exactly that change.
 */

type Obj = Record<string, unknown>;

const UPDATES = catalogue.operations
  .filter((o) => o.method === 'PATCH' && o.body)
  .flatMap((op) => {
    const read = catalogue.operations.find((r) => r.method === 'GET' && r.path === op.path);
    return read ? [[op.key, op, read] as const] : [];
  });

function objectFor(op: Operation, read: Operation): Obj {
  const sample = sampleValue(catalogue, read.response.type ?? op.body?.type ?? { kind: 'any' });
  return sample !== null && typeof sample === 'object' && !Array.isArray(sample) ? (sample as Obj) : {};
}

function argsFor(op: Operation): Record<string, string> {
  return Object.fromEntries(op.params.filter((p) => p.in === 'path').map((p) => [p.name, '7']));
}

const inputs = (view: ModalView) => view.blocks.filter((b: AnyBlock): b is InputBlock => b.type === 'input');

function expectWithinLimits(view: ModalView): void {
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect((view.submit?.text ?? '').length).toBeLessThanOrEqual(24);
  expect((view.close?.text ?? '').length).toBeLessThanOrEqual(24);
  expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
  for (const block of view.blocks) {
    expect((block.block_id ?? '').length).toBeLessThanOrEqual(255);
    if (block.type === 'section')
      expect((block as SectionBlock).text?.text.length ?? 0).toBeLessThanOrEqual(3000);
  }
  for (const block of inputs(view)) {
    expect(block.label.text.length).toBeLessThanOrEqual(2000);
    const el = block.element;
    if (el.type === 'plain_text_input')
      expect((el.initial_value ?? '').length).toBeLessThanOrEqual(el.max_length ?? 3000);
    if (el.type === 'external_select' && el.initial_option) {
      expect(el.initial_option.text.text.length).toBeLessThanOrEqual(75);
      expect((el.initial_option.value ?? '').length).toBeLessThanOrEqual(150);
    }
    if (el.type === 'checkboxes' || el.type === 'static_select')
      for (const o of el.options ?? []) expect(o.text.text.length).toBeLessThanOrEqual(75);
  }
}

function prefilled(op: Operation, read: Operation) {
  const object = objectFor(op, read);
  const initial = initialValues(catalogue, op, object);
  const m = {
    ...meta(op.key, argsFor(op)),
    prefill: fingerprint(catalogue, op, initial),
    seal: 'x'.repeat(43),
  };
  const labels = Object.fromEntries(
    layoutForm(catalogue, op)
      .body.filter((f) => f.reference)
      .map((f) => [f.key, { [String(initial[f.key])]: 'A department with a very long name '.repeat(4) }]),
  );
  const view = buildOperationModal(catalogue, op, m, {
    initial,
    optionLabels: labels,
    submit: 'Review changes',
  });
  return { object, initial, meta: m, view };
}

it('there are update forms to prefill', () => {
  expect(UPDATES.length).toBeGreaterThan(50);
});

describe.each(UPDATES)('%s prefilled', (_key, op, read) => {
  it('fits Slack, both pages', () => {
    const { view, meta: m, initial } = prefilled(op, read);
    expectWithinLimits(view);
    if (formPages(catalogue, op).more.length > 0) {
      const carried = carryState(fillView(view as Parameters<typeof fillView>[0], {}), true);
      const more = buildMoreFieldsModal(catalogue, op, { ...m, carried }, { initial });
      expect(() => encodeMetadata({ ...m, carried })).not.toThrow();
      expectWithinLimits(more);
    }
  });

  it('left untouched, changes nothing; one field changed, changes that field alone', () => {
    const { view, meta: m, object } = prefilled(op, read);
    const untouched = fillView(view as Parameters<typeof fillView>[0], {});
    expect(editedFields(catalogue, op, untouched, m.prefill)).toEqual({ kind: 'edits', edits: [] });
    const text = layoutForm(catalogue, op).body.find(
      (f) =>
        f.control === 'text' &&
        f.type.kind === 'string' &&
        !f.type.format &&
        inputs(view).some((b) => b.block_id === f.blockId),
    );
    if (!text) return;
    const changed = fillView(view as Parameters<typeof fillView>[0], { [text.blockId]: 'Changed' });
    const edited = editedFields(catalogue, op, changed, m.prefill);
    if (edited.kind === 'errors') return; // a field with its own format (an email, a number) refuses the word
    expect(edited.kind === 'edits' && edited.edits.map((e) => e.field.blockId)).toEqual([text.blockId]);
    if (edited.kind !== 'edits') return;
    const changes = changesAgainst(catalogue, op, edited, object);
    expect(Object.keys(changesBody(catalogue, op, changes, argsFor(op)))).toContain(text.path[0]);
  });

  it('the preview of changing every field fits Slack', () => {
    const { object } = prefilled(op, read);
    const changes = layoutForm(catalogue, op).body.map((f) => ({
      label: `${f.label} `.repeat(20),
      before: 'x'.repeat(500),
      after: 'y'.repeat(500),
      moved: true,
      enumLike: false,
      secret: false,
    }));
    const lists = Object.entries(object).filter(([, v]) => Array.isArray(v));
    const withLists = [
      ...changes,
      ...lists.map(([k, v]) => ({
        label: k,
        before: v,
        after: [],
        moved: false,
        enumLike: false,
        secret: false,
        delta: listDelta(
          Array(150)
            .fill({ Name: 'Someone', Number: '100' })
            .map((m, i) => ({ ...m, Number: String(i) })),
          [],
        ),
      })),
    ];
    const view = previewModal({
      subject: 'user Nina Novak (125)',
      pbx: 'default',
      opKey: op.key,
      changes: withLists,
      title: 'Update something long',
      metadata: 'm'.repeat(2900),
    });
    expectWithinLimits(view);
  });
});
