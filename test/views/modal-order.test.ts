import type { ActionsBlock, ModalView } from '@slack/types';
import {
  buildMoreFieldsModal,
  buildOperationModal,
  fieldLabel,
  isCurated,
  readSubmission,
} from '../../src/views/modal';
import { catalogue, input, inputs, meta, op, submit } from './modal-fixtures';

/** Forms in the order people fill them, labels in words, and the second page sent with the first. */

const ids = (view: ModalView) => inputs(view).map((b) => b.block_id);

describe('labels in words', () => {
  it.each([
    ['ClickToCallId', 'Click-to-call ID'],
    ['EmailAddress', 'Email address'],
    ['VMPIN', 'Voicemail PIN'],
    ['SIPID', 'SIP ID'],
    ['OutboundCallerID', 'Outbound caller ID'],
    ['Id', 'ID'],
    ['CompanyName', 'Company Name'],
  ])('%s reads as %s', (name, label) => {
    expect(fieldLabel(name)).toBe(label);
  });
});

describe('the curated order', () => {
  it('the create-user form starts with first name, last name, number and email', () => {
    const view = buildOperationModal(catalogue, op('Users.CreateUser'), meta('Users.CreateUser'));
    expect(ids(view).slice(0, 4)).toEqual([
      'body:FirstName',
      'body:LastName',
      'body:Number',
      'body:EmailAddress',
    ]);
    expect(input(view, 'body:FirstName').label.text).toBe('First Name');
    // Click-to-call ID waits on the second page: a first name typed at the top cannot land in it.
    expect(ids(view)).not.toContain('body:ClickToCallId');
  });

  it.each([
    ['Queues.CreateQueue', ['body:Name', 'body:Number', 'body:PollingStrategy']],
    ['RingGroups.UpdateRingGroup', ['param:Id', 'body:Name', 'body:Number', 'body:RingStrategy']],
    ['Receptionists.CreateReceptionist', ['body:Name', 'body:Number', 'body:IVRType']],
    ['Trunks.CreateTrunk', ['body:Number', 'body:ExternalNumber']],
  ])('%s starts with %s', (key, first) => {
    const view = buildOperationModal(catalogue, op(key), meta(key));
    expect(ids(view).slice(0, first.length)).toEqual(first);
  });

  it('without a curated order, names, numbers, emails and switches come before nested objects', () => {
    const view = buildOperationModal(catalogue, op('Contacts.CreateContact'), meta('Contacts.CreateContact'));
    const order = ids(view).filter((id) => id !== 'advanced_json');
    const names = order.findIndex((id) => /Name$/.test(id ?? ''));
    expect(names).toBe(0);
  });

  it('counts the forms with a curated order', () => {
    const curated = catalogue.operations.filter(
      (o) => o.body && isCurated(o.key, o.body.type.kind === 'ref' ? o.body.type.name : undefined),
    );
    expect(curated.length).toBeGreaterThanOrEqual(16);
  });
});

describe('More fields', () => {
  const KEY = 'Users.CreateUser';

  it('the first page has the button; the second page holds the rest and sends both', () => {
    const first = buildOperationModal(catalogue, op(KEY), meta(KEY));
    const button = first.blocks.find((b): b is ActionsBlock => b.type === 'actions');
    expect(button?.elements[0]).toMatchObject({ type: 'button', action_id: 'more_fields' });
    const carried = { 'body:FirstName': 'Nina', 'body:Number': '125' };
    const more = buildMoreFieldsModal(catalogue, op(KEY), { ...meta(KEY), carried });
    expect(more.close?.text).toBe('Back');
    expect(ids(more)).toContain('body:DisplayName');
    expect(ids(more)).not.toContain('body:FirstName');
    const read = readSubmission(
      catalogue,
      op(KEY),
      submit(more, { 'body:DisplayName': 'Nina N.' }),
      undefined,
      {
        args: {},
        carried,
      },
    );
    expect(read).toEqual({ args: {}, body: { FirstName: 'Nina', Number: '125', DisplayName: 'Nina N.' } });
  });

  it('a problem on the first page is found when the second is sent', () => {
    const more = buildMoreFieldsModal(catalogue, op(KEY), {
      ...meta(KEY),
      carried: { 'body:EmailAddress': 'nope' },
    });
    const read = readSubmission(catalogue, op(KEY), submit(more), undefined, {
      args: {},
      carried: { 'body:EmailAddress': 'nope' },
    });
    expect(read).toEqual({
      errors: { 'body:EmailAddress': expect.stringMatching(/^Email address must be/) },
    });
  });
});
