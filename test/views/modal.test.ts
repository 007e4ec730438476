import { type Operation, OperationCatalogue } from '../../src/api/catalogue';
import {
  buildOperationModal,
  decodeMetadata,
  encodeMetadata,
  type ModalOverrides,
  readSubmission,
} from '../../src/views/modal';
import { catalogue, EPOCH_2026_01_31_0900Z, input, inputs, meta, op, submit } from './modal-fixtures';

/** The five operations the product was specified with: each form, filled as a person would, read back. */

function form(key: string, args: Record<string, string> = {}, overrides?: ModalOverrides) {
  return buildOperationModal(catalogue, op(key), meta(key, args), overrides);
}

const blockIds = (view: ReturnType<typeof form>) => inputs(view).map((b) => b.block_id);

describe('SystemStatus.SetMultiCompanyMode', () => {
  const KEY = 'SystemStatus.SetMultiCompanyMode';

  it('asks On or Off, starting from the default Off', () => {
    const view = form(KEY);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'op_modal', submit: { text: 'Run' } });
    expect(view.close?.text).toBe('Cancel');
    expect(blockIds(view)).toEqual(['body:enable', 'advanced_json']);
    const enable = input(view, 'body:enable');
    expect(enable.label.text).toBe('Enable');
    expect(enable.element).toMatchObject({ type: 'static_select', action_id: 'value' });
    expect(enable.element.type === 'static_select' && enable.element.options?.map((o) => o.value)).toEqual([
      'true',
      'false',
    ]);
    expect(enable.element.type === 'static_select' && enable.element.initial_option?.value).toBe('false');
  });

  it('reads On as true and an untouched form as the default it showed', () => {
    const view = form(KEY);
    expect(readSubmission(catalogue, op(KEY), submit(view, { 'body:enable': 'true' }))).toEqual({
      args: {},
      body: { enable: true },
    });
    expect(readSubmission(catalogue, op(KEY), submit(view))).toEqual({ args: {}, body: { enable: false } });
  });

  it('takes a curated label and title', () => {
    const view = form(KEY, {}, { title: 'Multi-company mode', labels: { enable: 'Multi-company mode on' } });
    expect(view.title.text).toBe('Multi-company mode');
    expect(input(view, 'body:enable').label.text).toBe('Multi-company mode on');
  });
});

describe('TenantProperties.UpdateProperty', () => {
  const KEY = 'TenantProperties.UpdateProperty';

  it('asks for the Name it addresses once, as a required parameter, and the rest as optional fields', () => {
    const view = form(KEY);
    expect(blockIds(view)).toEqual(['param:Name', 'body:Value', 'body:Description', 'advanced_json']);
    expect(input(view, 'param:Name').optional).toBe(false);
    expect(input(view, 'body:Value').optional).toBe(true);
    // Value may hold 131072 characters: a text area, and no max_length Slack would refuse (it caps at 3000).
    expect(input(view, 'body:Value').element).toEqual({
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
    });
  });

  it('sends only what was filled, with the Name in the address and the body', () => {
    const view = form(KEY);
    const values = submit(view, { 'param:Name': 'SupportLevel', 'body:Value': 'gold' });
    expect(readSubmission(catalogue, op(KEY), values)).toEqual({
      args: { Name: 'SupportLevel' },
      body: { Name: 'SupportLevel', Value: 'gold' },
    });
  });

  it('skips a Name given on the command line and takes it from the metadata when reading', () => {
    const m = meta(KEY, { Name: 'SupportLevel' });
    const view = buildOperationModal(catalogue, op(KEY), m);
    expect(blockIds(view)).toEqual(['body:Value', 'body:Description', 'advanced_json']);
    expect(view.blocks[0]).toMatchObject({ type: 'context' });
    expect(JSON.stringify(view.blocks[0])).toContain('SupportLevel');
    const values = submit(view, { 'body:Value': 'gold', 'body:Description': 'Contract tier' });
    expect(readSubmission(catalogue, op(KEY), values, undefined, m)).toEqual({
      args: { Name: 'SupportLevel' },
      body: { Name: 'SupportLevel', Value: 'gold', Description: 'Contract tier' },
    });
  });

  it('follows the curated order, labels and prefill', () => {
    const overrides: ModalOverrides = {
      title: 'Tenant property',
      labels: { 'param:Name': 'Property name', Value: 'New value' },
      order: ['Value', 'Description'],
      hidden: ['Name'],
      initial: { 'param:Name': 'SupportLevel', Value: 'silver' },
    };
    const view = form(KEY, {}, overrides);
    expect(blockIds(view)).toEqual(['param:Name', 'body:Value', 'body:Description', 'advanced_json']);
    expect(input(view, 'param:Name').label.text).toBe('Property name');
    expect(input(view, 'param:Name').element).toMatchObject({ initial_value: 'SupportLevel' });
    expect(input(view, 'body:Value').label.text).toBe('New value');
    expect(input(view, 'body:Value').element).toMatchObject({ initial_value: 'silver' });
    expect(readSubmission(catalogue, op(KEY), submit(view), overrides)).toEqual({
      args: { Name: 'SupportLevel' },
      body: { Name: 'SupportLevel', Value: 'silver' },
    });
  });
});

describe('LicenseStatus.EditLicenseInfo', () => {
  const KEY = 'LicenseStatus.EditLicenseInfo';
  const FIELDS = ['CompanyName', 'ContactName', 'Country', 'Email', 'Phone'];

  it('shows the five fields of licenseParams as text inputs', () => {
    const view = form(KEY);
    expect(blockIds(view)).toEqual([...FIELDS.map((f) => `body:licenseParams.${f}`), 'advanced_json']);
    expect(FIELDS.map((f) => input(view, `body:licenseParams.${f}`).label.text)).toEqual([
      'Company Name',
      'Contact Name',
      'Country',
      'Email',
      'Phone',
    ]);
    for (const f of FIELDS) {
      const block = input(view, `body:licenseParams.${f}`);
      expect(block.optional).toBe(true);
      expect(block.element).toEqual({ type: 'plain_text_input', action_id: 'value' });
    }
  });

  it('round-trips every field, and only the filled ones', () => {
    const view = form(KEY);
    const all = {
      CompanyName: 'Acme',
      ContactName: 'Ann Smith',
      Country: 'Malta',
      Email: 'ann@acme.example',
      Phone: '+356 2100 0000',
    };
    const fills = Object.fromEntries(Object.entries(all).map(([k, v]) => [`body:licenseParams.${k}`, v]));
    expect(readSubmission(catalogue, op(KEY), submit(view, fills))).toEqual({
      args: {},
      body: { licenseParams: all },
    });
    const some = submit(view, { 'body:licenseParams.Email': 'it@acme.example' });
    expect(readSubmission(catalogue, op(KEY), some)).toEqual({
      args: {},
      body: { licenseParams: { Email: 'it@acme.example' } },
    });
  });

  it('lets the Advanced JSON replace the body the fields would make', () => {
    const view = form(KEY);
    const values = submit(view, {
      'body:licenseParams.CompanyName': 'ignored',
      advanced_json: '{"licenseParams":{"CompanyName":"Acme Ltd","Country":"Malta"}}',
    });
    expect(readSubmission(catalogue, op(KEY), values)).toEqual({
      args: {},
      body: { licenseParams: { CompanyName: 'Acme Ltd', Country: 'Malta' } },
    });
  });
});

describe('Services.Restart', () => {
  const KEY = 'Services.Restart';
  const NAMES = ['MfeService', '3CXQueueManager', '3CXCallFlow'];

  it('without a service list, picks names from the PBX as the person types', () => {
    const view = form(KEY);
    const names = input(view, 'body:options.ServiceNames');
    expect(names.label.text).toBe('Service Names');
    expect(names.element).toMatchObject({
      type: 'multi_external_select',
      action_id: 'value',
      min_query_length: 0,
    });
    const values = submit(view, { 'body:options.ServiceNames': ['MfeService', '3CXQueueManager'] });
    expect(readSubmission(catalogue, op(KEY), values)).toEqual({
      args: {},
      body: { options: { ServiceNames: ['MfeService', '3CXQueueManager'] } },
    });
  });

  it('with the names the PBX reports, offers a multi-select of them', () => {
    const overrides = { options: { 'options.ServiceNames': NAMES }, submit: 'Restart' };
    const view = form(KEY, {}, overrides);
    expect(view.submit?.text).toBe('Restart');
    const names = input(view, 'body:options.ServiceNames');
    expect(names.element.type).toBe('multi_static_select');
    expect(
      names.element.type === 'multi_static_select' && names.element.options?.map((o) => o.value),
    ).toEqual(NAMES);
    const values = submit(view, { 'body:options.ServiceNames': ['MfeService', '3CXCallFlow'] });
    // The listener reads without the overrides: the element Slack reports is enough.
    expect(readSubmission(catalogue, op(KEY), values)).toEqual({
      args: {},
      body: { options: { ServiceNames: ['MfeService', '3CXCallFlow'] } },
    });
  });
});

describe('ConferenceSettings.UpdateMCURequestStatus', () => {
  const KEY = 'ConferenceSettings.UpdateMCURequestStatus';

  it('offers State as Pending, Success or Failure and the expiry as a date and time', () => {
    const view = form(KEY);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    const state = input(view, 'body:request.State');
    expect(state.element.type === 'static_select' && state.element.options?.map((o) => o.value)).toEqual([
      'Pending',
      'Success',
      'Failure',
    ]);
    expect(input(view, 'body:request.Operation').element.type).toBe('static_select');
    expect(input(view, 'body:request.RequestExpiration').element.type).toBe('datetimepicker');
  });

  it('round-trips a rejection', () => {
    const view = form(KEY);
    const values = submit(view, {
      'body:request.McuId': 'mcu-7',
      'body:request.Operation': 'Create',
      'body:request.State': 'Failure',
      'body:request.ErrorMessage': 'Rejected by U0ADMIN',
      'body:request.RequestExpiration': { epoch: EPOCH_2026_01_31_0900Z },
    });
    expect(readSubmission(catalogue, op(KEY), values)).toEqual({
      args: {},
      body: {
        request: {
          McuId: 'mcu-7',
          Operation: 'Create',
          State: 'Failure',
          ErrorMessage: 'Rejected by U0ADMIN',
          RequestExpiration: '2026-01-31T09:00:00Z',
        },
      },
    });
  });
});

describe('errors, under the block that caused them', () => {
  it('a whole number that is not one', () => {
    const view = form('Users.UpdateUser');
    const read = readSubmission(catalogue, op('Users.UpdateUser'), submit(view, { 'param:Id': '12a' }));
    expect(read).toEqual({ errors: { 'param:Id': 'ID must be a whole number (got "12a")' } });
  });

  it('text longer than the field allows', () => {
    const view = form('Sbcs.CreateSbc');
    const read = readSubmission(
      catalogue,
      op('Sbcs.CreateSbc'),
      submit(view, { 'body:Name': 'a'.repeat(13) }),
    );
    expect(read).toEqual({ errors: { 'body:Name': 'Name is too long: 13 characters, at most 12' } });
  });

  it('a JSON field, named by its label, with the position', () => {
    const view = form('CallCostSettings.UpdateCost');
    expect(input(view, 'body:costs').hint?.text).toMatch(/^JSON, e\.g\. \[/);
    const read = readSubmission(
      catalogue,
      op('CallCostSettings.UpdateCost'),
      submit(view, { 'body:costs': '[{"Prefix": "44",}]' }),
    );
    expect(read).toEqual({
      errors: { 'body:costs': 'Costs is not valid JSON: Unexpected token } at position 17' },
    });
  });

  it('the Advanced JSON: its syntax and its fields, and the fields it replaces no longer count', () => {
    const KEY = 'LicenseStatus.EditLicenseInfo';
    const view = form(KEY);
    const broken = submit(view, { advanced_json: '{"licenseParams": {"CompanyName": "Acme",}}' });
    expect(readSubmission(catalogue, op(KEY), broken)).toEqual({
      errors: { advanced_json: 'Advanced JSON is not valid JSON: Unexpected token } at position 41' },
    });
    const unknown = submit(view, { advanced_json: '{"licenseParams": {"Company": "Acme"}}' });
    const read = readSubmission(catalogue, op(KEY), unknown);
    expect(read).toEqual({ errors: { advanced_json: expect.stringContaining('Company is not a field of') } });

    const cost = form('CallCostSettings.UpdateCost');
    const replaced = submit(cost, { 'body:costs': '[oops', advanced_json: '{"costs": []}' });
    expect(readSubmission(catalogue, op('CallCostSettings.UpdateCost'), replaced)).toEqual({
      args: {},
      body: { costs: [] },
    });
  });

  it('a required parameter left empty, and every problem at once', () => {
    const KEY = 'Users.UpdateUser';
    const view = form(KEY);
    const read = readSubmission(catalogue, op(KEY), submit(view, { 'body:PrimaryGroupId': 'x' }));
    expect(read).toEqual({
      errors: {
        'param:Id': 'ID is required',
        'body:PrimaryGroupId': 'Department must be a whole number (got "x")',
      },
    });
  });
});

describe('prefilled inputs', () => {
  it('start each kind of element with the given value, when the element can hold it', () => {
    const mcu = form(
      'ConferenceSettings.UpdateMCURequestStatus',
      {},
      {
        initial: { 'request.State': 'success', 'request.RequestExpiration': '2026-01-31T09:00:00Z' },
      },
    );
    expect(input(mcu, 'body:request.State').element).toMatchObject({ initial_option: { value: 'Success' } });
    expect(input(mcu, 'body:request.RequestExpiration').element).toMatchObject({
      initial_date_time: EPOCH_2026_01_31_0900Z,
    });

    const restart = form(
      'Services.Restart',
      {},
      {
        options: { 'options.ServiceNames': ['MfeService', '3CXCallFlow'] },
        initial: { 'options.ServiceNames': ['3CXCallFlow'] },
      },
    );
    const names = input(restart, 'body:options.ServiceNames').element;
    expect(names.type === 'multi_static_select' && names.initial_options?.map((o) => o.value)).toEqual([
      '3CXCallFlow',
    ]);

    const user = form('Users.UpdateUser', {}, { initial: { 'param:Id': 12, PrimaryGroupId: '1.5' } });
    // The user's Id and their department are picked from the PBX; a prefill starts as the chosen option.
    expect(input(user, 'param:Id').element).toMatchObject({
      type: 'external_select',
      initial_option: { value: '12' },
    });
    // A decimal is no department's Id: no prefill rather than a value 3CX would refuse.
    expect(input(user, 'body:PrimaryGroupId').element).not.toHaveProperty('initial_option');

    const costs = form('CallCostSettings.UpdateCost', {}, { initial: { costs: [{ Prefix: '44' }] } });
    expect(input(costs, 'body:costs').element).toMatchObject({
      initial_value: JSON.stringify([{ Prefix: '44' }], null, 2),
    });
  });

  it('show a default in an action form, but not in a PATCH form, where it would overwrite what the entity holds', () => {
    const body = { required: true, type: { kind: 'ref' as const, name: 'Thing' } };
    const thing = {
      kind: 'object' as const,
      properties: { Enabled: { kind: 'boolean' as const, default: true } },
    };
    const operation = (operationId: string, method: 'PATCH' | 'POST'): Operation => ({
      key: `Things.${operationId}`,
      resource: 'Things',
      operationId,
      method,
      path: '/Things({Id})',
      odata: 'operation',
      params: [{ name: 'Id', in: 'path', required: true, type: { kind: 'integer' } }],
      body,
      response: { kind: 'none', status: 204 },
    });
    const ops = [operation('UpdateThing', 'PATCH'), operation('ToggleThing', 'POST')];
    const small = new OperationCatalogue({
      source: { file: 't', version: '1' },
      operations: ops,
      types: { Thing: thing },
    });
    const [patch, post] = ops.map((o) => buildOperationModal(small, o, meta(o.key, { Id: '1' })));
    expect(patch && input(patch, 'body:Enabled').element).not.toHaveProperty('initial_option');
    expect(post && input(post, 'body:Enabled').element).toMatchObject({ initial_option: { value: 'true' } });
  });
});

describe('encodeMetadata / decodeMetadata', () => {
  it('round-trips', () => {
    const m = meta('TenantProperties.UpdateProperty', { Name: "Support's level" });
    const text = encodeMetadata(m);
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(decodeMetadata(text)).toEqual(m);
  });

  it.each([
    ['not JSON', 'hello'],
    ['another shape', '{"op":"X"}'],
    ['args that are not text', '{"op":"X","channel":"C","requestId":"r","pbx":"p","args":{"Id":12}}'],
    ['an empty operation', '{"op":"","channel":"C","requestId":"r","pbx":"p","args":{}}'],
    ['JSON that is not an object', '[1,2]'],
    ['nothing', ''],
    ['too long for Slack', `{"op":"${'x'.repeat(3000)}","channel":"C","requestId":"r","pbx":"p","args":{}}`],
  ])('refuses %s', (_what, text) => {
    expect(decodeMetadata(text)).toBeUndefined();
  });

  it('says clearly when the arguments would not fit in a form', () => {
    const m = meta('TenantProperties.UpdateProperty', { Name: 'n'.repeat(3000) });
    expect(() => encodeMetadata(m)).toThrow(/3000/);
    expect(() => buildOperationModal(catalogue, op(m.op), m)).toThrow(/JSON body instead/);
  });
});
