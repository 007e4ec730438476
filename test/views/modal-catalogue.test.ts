import type { ActionsBlock, InputBlock, ModalView } from '@slack/types';
import { sampleRequest, validateRequest } from '../../src/api/validation';
import { buildMoreFieldsModal, buildOperationModal, formPages, readSubmission } from '../../src/views/modal';
import { NOTHING_TO_CHANGE } from '../../src/views/modal/submission';
import { catalogue, type Fill, inputs, meta, sampleFill, submit } from './modal-fixtures';

/** Every operation that takes something gets a form Slack accepts, and a filled form reads back as a valid request. */

const WITH_INPUT = catalogue.operations.filter((o) => o.body || o.params.some((p) => p.in === 'path'));
const cases = WITH_INPUT.map((operation) => [operation.key, operation] as const);

function expectSlackAccepts(view: ModalView): void {
  expect(view.type).toBe('modal');
  expect(view.callback_id).toBe('op_modal');
  expect(view.blocks.length).toBeLessThanOrEqual(100);
  expect(view.title.text.length).toBeGreaterThan(0);
  expect(view.title.text.length).toBeLessThanOrEqual(24);
  expect((view.submit?.text ?? '').length).toBeLessThanOrEqual(24);
  expect((view.close?.text ?? '').length).toBeLessThanOrEqual(24);
  expect((view.callback_id ?? '').length).toBeLessThanOrEqual(255);
  expect((view.private_metadata ?? '').length).toBeLessThanOrEqual(3000);
  for (const block of view.blocks) {
    expect((block.block_id ?? '').length).toBeLessThanOrEqual(255);
    if (block.type === 'actions')
      for (const el of (block as ActionsBlock).elements) {
        expect((el.action_id ?? '').length).toBeLessThanOrEqual(255);
        if (el.type === 'button') expect(el.text.text.length).toBeLessThanOrEqual(75);
      }
  }
  const ids = view.blocks.map((b) => b.block_id).filter((id) => id !== undefined);
  expect(new Set(ids).size).toBe(ids.length);
  for (const block of inputs(view)) expectInputWithinLimits(block);
  // The escape hatch comes last whenever there is a body to replace.
  const last = view.blocks[view.blocks.length - 1];
  if (inputs(view).some((b) => b.block_id === 'advanced_json')) expect(last?.block_id).toBe('advanced_json');
}

function expectInputWithinLimits(block: InputBlock): void {
  expect((block.block_id ?? '').length).toBeLessThanOrEqual(255);
  expect(block.label.text.length).toBeGreaterThan(0);
  expect(block.label.text.length).toBeLessThanOrEqual(2000);
  expect((block.hint?.text ?? '').length).toBeLessThanOrEqual(2000);
  const el = block.element;
  expect(el.action_id).toBe('value');
  if ('placeholder' in el && el.placeholder) expect(el.placeholder.text.length).toBeLessThanOrEqual(150);
  if (el.type === 'static_select' || el.type === 'multi_static_select') {
    const options = el.options ?? [];
    expect(options.length).toBeGreaterThan(0);
    expect(options.length).toBeLessThanOrEqual(100);
    for (const o of options) {
      expect(o.text.text.length).toBeLessThanOrEqual(75);
      expect((o.value ?? '').length).toBeLessThanOrEqual(150);
    }
  }
  if (el.type === 'external_select' || el.type === 'multi_external_select') {
    expect(el.min_query_length).toBe(0);
    expect((el.placeholder?.text ?? '').length).toBeLessThanOrEqual(150);
  }
  if (el.type === 'plain_text_input') {
    expect(el.max_length ?? 3000).toBeLessThanOrEqual(3000);
    expect((el.initial_value ?? '').length).toBeLessThanOrEqual(el.max_length ?? 3000);
  }
}

describe('a form for every operation that takes something', () => {
  it('covers most of the catalogue', () => {
    expect(WITH_INPUT.length).toBeGreaterThan(350);
  });

  it.each(cases)('%s: within Slack limits', (key, operation) => {
    expectSlackAccepts(buildOperationModal(catalogue, operation, meta(key)));
  });

  it('199 operations have a body, and every one of their forms (both pages) fits Slack', () => {
    const withBody = catalogue.operations.filter((o) => o.body);
    expect(withBody).toHaveLength(199);
    let paged = 0;
    for (const operation of withBody) {
      const carried = { 'body:x': 'y'.repeat(100) };
      if (formPages(catalogue, operation).more.length === 0) continue;
      paged++;
      expectSlackAccepts(buildMoreFieldsModal(catalogue, operation, { ...meta(operation.key), carried }));
    }
    expect(paged).toBeGreaterThan(10);
  });

  it.each(cases)('%s: filled with sample values, reads back as a valid request', (key, operation) => {
    const view = buildOperationModal(catalogue, operation, meta(key));
    const fills: Record<string, Fill> = {};
    for (const block of inputs(view)) {
      if (block.block_id !== 'advanced_json') fills[block.block_id ?? ''] = sampleFill(operation, block);
    }
    const read = readSubmission(catalogue, operation, submit(view, fills));
    if ('errors' in read) throw new Error(`${key}: ${JSON.stringify(read.errors)}`);
    expect(() => validateRequest(catalogue, operation, read)).not.toThrow();
  });

  it.each(cases)('%s: left untouched, asks only for the parameters', (key, operation) => {
    const view = buildOperationModal(catalogue, operation, meta(key));
    const read = readSubmission(catalogue, operation, submit(view));
    const params = inputs(view)
      .map((b) => b.block_id ?? '')
      .filter((id) => id.startsWith('param:'));
    // An update with nothing filled has nothing to send (not even `{"Id":1}`), and says so under the form.
    if (params.length === 0 && operation.method === 'PATCH' && operation.body)
      expect(read).toEqual({ errors: { advanced_json: NOTHING_TO_CHANGE } });
    else if (params.length === 0) expect(read).not.toHaveProperty('errors');
    else expect(Object.keys('errors' in read ? read.errors : {}).sort()).toEqual(params.sort());
  });

  it.each(cases)('%s: parameters from the command line are not asked again', (key, operation) => {
    const args: Record<string, string> = {};
    for (const [name, value] of Object.entries(
      sampleRequest(catalogue, operation, { asText: true }).args ?? {},
    )) {
      args[name] = String(value);
    }
    const view = buildOperationModal(catalogue, operation, meta(key, args));
    expectSlackAccepts(view);
    expect(inputs(view).filter((b) => b.block_id?.startsWith('param:'))).toEqual([]);
    const read = readSubmission(catalogue, operation, submit(view), undefined, { args });
    if (operation.method === 'PATCH' && operation.body) {
      expect(read).toEqual({ errors: { advanced_json: NOTHING_TO_CHANGE } });
      return;
    }
    if ('errors' in read) throw new Error(`${key}: ${JSON.stringify(read.errors)}`);
    expect(() => validateRequest(catalogue, operation, read)).not.toThrow();
  });
});

describe('big types', () => {
  it('Users.UpdateUser shows the usual fields first and the rest behind "More fields"', () => {
    const view = buildOperationModal(catalogue, catalogue.get('Users.UpdateUser') ?? fail(), meta('x'));
    const ids = inputs(view).map((b) => b.block_id);
    expect(ids.length).toBeLessThanOrEqual(16);
    expect(ids).toEqual(
      expect.arrayContaining([
        'param:Id',
        'body:FirstName',
        'body:LastName',
        'body:EmailAddress',
        'body:Number',
        'body:Enabled',
        'advanced_json',
      ]),
    );
    expect(JSON.stringify(view.blocks)).toContain('More fields (');
    expect(JSON.stringify(view.blocks)).toMatch(/of \d+ fields of User are in this form\..*Advanced JSON/);
  });

  it('an order override brings a field onto the first page that would have waited on the second', () => {
    const operation = catalogue.get('Users.UpdateUser') ?? fail();
    const plain = buildOperationModal(catalogue, operation, meta('x'));
    expect(inputs(plain).map((b) => b.block_id)).not.toContain('body:Greetings');
    const ordered = buildOperationModal(catalogue, operation, meta('x'), {
      order: ['Greetings', 'FirstName'],
    });
    expect(
      inputs(ordered)
        .map((b) => b.block_id)
        .slice(0, 3),
    ).toEqual(['param:Id', 'body:Greetings', 'body:FirstName']);
  });
});

function fail(): never {
  throw new Error('Users.UpdateUser is not in the catalogue');
}
