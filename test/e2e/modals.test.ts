import { answerPostedQuestion } from '../support/confirm';
import type { RecordedCall } from '../support/slack-stand-in';
import { waitUntil } from '../support/wait';
import { sharedTestBot } from './harness';
import { type Filled, fillView, inputBlockIds } from './view-state';

/**
 * Each of the five headline operations by form: the command opens a modal (views.open right after the ack, before
 * any 3CX call), the person fills it in, the submission runs the operation once.
 */

const CONFIG = `
roles:
  viewer: { allow: [read] }
  admin: { allow: ["*"] }
members:
  U0ADMIN: admin
  U0VIEW: viewer
`;

const t = sharedTestBot({ config: CONFIG });

interface OpenedView {
  blocks: { type: string; block_id?: string; element?: { type: string; action_id: string } }[];
  private_metadata: string;
  callback_id: string;
}

async function openForm(text: string): Promise<OpenedView> {
  const { status } = await t.command(text);
  expect(status).toBe(200);
  const call = await t.slack.waitFor('views.open');
  return (call.body as { view: OpenedView }).view;
}

async function submitForm(view: OpenedView, values: Record<string, Filled>, user = 'U0ADMIN') {
  return t.submit(view.private_metadata, fillView(view, values), { user });
}

const xapi = (path: string) => t.xapiRequests().filter((r) => r.path === `/xapi/v1${path}`);

it('multi-company mode: the form opens before any 3CX call and its submission runs once', async () => {
  const view = await openForm('multicompany');
  expect(t.xapiRequests()).toHaveLength(0);
  expect(view.callback_id).toBe('op_modal');
  const res = await submitForm(view, { 'body:enable': 'true' });
  expect(res.status).toBe(200);
  // A dangerous write: the form's submission asks its asker first (DESIGN §4).
  expect(xapi('/SystemStatus/Pbx.SetMultiCompanyMode')).toHaveLength(0);
  await answerPostedQuestion(t);
  await t.channelPost('C0OPS');
  expect(xapi('/SystemStatus/Pbx.SetMultiCompanyMode').map((r) => r.body)).toEqual([{ enable: true }]);
});

it('tenant property: name, value and description', async () => {
  const view = await openForm('tenant-property');
  const ids = inputBlockIds(view);
  expect(ids).toEqual(expect.arrayContaining(['param:Name', 'body:Value', 'body:Description']));
  await submitForm(view, { 'param:Name': 'Größe', 'body:Value': 'XL', 'body:Description': 'Shirt size' });
  await t.channelPost('C0OPS');
  const patch = t.xapiRequests().filter((r) => r.method === 'PATCH');
  expect(patch.map((r) => [r.path, r.body])).toEqual([
    ["/xapi/v1/TenantProperties('Größe')", { Name: 'Größe', Value: 'XL', Description: 'Shirt size' }],
  ]);
});

it('licence info: five labelled fields', async () => {
  const view = await openForm('license edit');
  const json = JSON.stringify(view);
  for (const label of ['Company name', 'Contact', 'Country', 'Email', 'Phone']) expect(json).toContain(label);
  await submitForm(view, {
    'body:licenseParams.CompanyName': 'Acme Ltd',
    'body:licenseParams.ContactName': 'Ann Admin',
    'body:licenseParams.Country': 'GB',
    'body:licenseParams.Email': 'it@acme.example',
    'body:licenseParams.Phone': '+44 20 7946 0000',
  });
  await t.channelPost('C0OPS');
  expect(xapi('/LicenseStatus/Pbx.EditLicenseInfo').map((r) => r.body)).toEqual([
    {
      licenseParams: {
        CompanyName: 'Acme Ltd',
        ContactName: 'Ann Admin',
        Country: 'GB',
        Email: 'it@acme.example',
        Phone: '+44 20 7946 0000',
      },
    },
  ]);
});

it('restart services: the form offers the services the PBX reports', async () => {
  const view = await openForm('services restart');
  const updated = await t.slack.waitFor('views.update');
  const choices = JSON.stringify(updated.body);
  expect(choices).toContain('multi_static_select');
  expect(choices).toContain('3CXQueueManager01');
  const finalView = (updated.body as { view: OpenedView }).view;
  finalView.private_metadata = finalView.private_metadata || view.private_metadata;
  await submitForm(finalView, { 'body:options.ServiceNames': ['3CXQueueManager01', '3CXIVR01'] });
  await answerPostedQuestion(t);
  await t.channelPost('C0OPS');
  expect(xapi('/Services/Pbx.Restart').map((r) => r.body)).toEqual([
    { options: { ServiceNames: ['3CXQueueManager01', '3CXIVR01'] } },
  ]);
});

it('MCU request status: the state is a choice of Pending, Success, Failure', async () => {
  const view = await openForm('api ConferenceSettings.UpdateMCURequestStatus');
  const json = JSON.stringify(view);
  for (const state of ['Pending', 'Success', 'Failure']) expect(json).toContain(state);
  const ids = inputBlockIds(view);
  const stateBlock = ids.find((id) => id.endsWith('request.State'));
  const mcuBlock = ids.find((id) => id.endsWith('request.McuId'));
  expect(stateBlock && mcuBlock).toBeTruthy();
  const mcuId = t.sim.state.mcuRequest?.McuId as string;
  await submitForm(view, { [stateBlock as string]: 'Success', [mcuBlock as string]: mcuId });
  await t.channelPost('C0OPS');
  expect(xapi('/ConferenceSettings/Pbx.UpdateMCURequestStatus').map((r) => r.body)).toEqual([
    { request: { McuId: mcuId, State: 'Success' } },
  ]);
  expect(t.sim.state.mcuRequest?.State).toBe('Success');
});

it('puts field errors under the field and runs nothing', async () => {
  const view = await openForm('license edit');
  const res = await submitForm(view, { advanced_json: '{"licenseParams": {"CompanyName": }}' });
  expect(res.json).toMatchObject({
    response_action: 'errors',
    errors: { advanced_json: expect.stringContaining('position') },
  });
  expect(t.xapiRequests()).toHaveLength(0);
});

it('checks the permission again at submission', async () => {
  const view = await openForm('multicompany');
  const res = await submitForm(view, { 'body:enable': 'true' }, 'U0VIEW');
  expect(res.status).toBe(200);
  const denial = await waitUntil(
    () =>
      t.slack
        .callsTo('chat.postEphemeral')
        .find((c: RecordedCall) => JSON.stringify(c.body).includes('may not run')),
    { what: 'a private denial' },
  );
  expect(denial.body.user).toBe('U0VIEW');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('replaces the form by the denial for someone who may not run the operation', async () => {
  // The form opens first (its trigger_id lives 3 s; the check may wait on user groups), then gives way.
  await t.command('multicompany', { user: 'U0VIEW' });
  const opened = await t.slack.waitFor('views.open');
  const viewId = (opened.answer as { view: { id: string } }).view.id;
  const update = await t.slack.waitFor((c) => c.method === 'views.update' && c.body.view_id === viewId);
  const shown = JSON.stringify(update.body);
  expect(shown).toContain('may not run');
  expect(shown).not.toContain('"submit"');
  expect(t.xapiRequests()).toHaveLength(0);
});

it('refuses a submission whose metadata was not written by the bot', async () => {
  const view = await openForm('multicompany');
  const res = await t.submit(
    '{"op":"Services.RestartOperatingSystem"}',
    fillView(view, { 'body:enable': 'true' }),
  );
  expect(res.json).toMatchObject({ response_action: 'errors' });
  expect(t.xapiRequests()).toHaveLength(0);
});
