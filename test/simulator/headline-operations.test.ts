import { errorOf, useSimulator } from './helpers';

describe('the five headline operations change state visibly', () => {
  const box = useSimulator();

  it('SystemStatus.SetMultiCompanyMode shows in GET /SystemStatus as IsMulticompanyMode', async () => {
    const before = await box.xapi.get('/SystemStatus');
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({
      IsMulticompanyMode: false,
      ExtensionsTotal: 40,
      FQDN: box.sim.state.pbx.fqdn,
    });

    const on = await box.xapi.request('POST', '/SystemStatus/Pbx.SetMultiCompanyMode', { enable: true });
    expect(on.status).toBe(204);
    expect(box.sim.state.multiCompanyMode).toBe(true);
    expect((await box.xapi.get('/SystemStatus')).body).toMatchObject({ IsMulticompanyMode: true });
    expect((await box.xapi.get('/Defs/Pbx.GetSystemParameters()')).body).toMatchObject({
      IsMulticompanyMode: true,
    });

    await box.xapi.request('POST', '/SystemStatus/Pbx.SetMultiCompanyMode', { enable: false });
    expect((await box.xapi.get('/SystemStatus')).body).toMatchObject({ IsMulticompanyMode: false });

    const bad = await box.xapi.request('POST', '/SystemStatus/Pbx.SetMultiCompanyMode', { enable: 'yes' });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toMatch(/enable must be true or false/);
  });

  it('TenantProperties.UpdateProperty changes the value GET shows', async () => {
    const path = `/TenantProperties(${encodeURIComponent("'Support''s level'")})`;
    const res = await box.xapi.request('PATCH', path, { Name: "Support's level", Value: 'Platinum' });
    expect(res.status).toBe(204);
    expect((await box.xapi.get(path)).body).toMatchObject({
      Name: "Support's level",
      Value: 'Platinum',
      Description: 'Support contract of this tenant',
    });
    const missing = await box.xapi.request('PATCH', "/TenantProperties('Nope')", {
      Name: 'Nope',
      Value: '1',
    });
    expect(missing.status).toBe(404);
  });

  it('LicenseStatus.EditLicenseInfo stores the contact details GET /LicenseStatus shows', async () => {
    const licenseParams = {
      CompanyName: 'Acme GmbH',
      ContactName: 'Jürgen Groß',
      Country: 'de',
      Email: 'jg@acme.example',
      Phone: '+49 30 1234567',
    };
    const res = await box.xapi.request('POST', '/LicenseStatus/Pbx.EditLicenseInfo', { licenseParams });
    expect(res.status).toBe(204);
    expect((await box.xapi.get('/LicenseStatus')).body).toMatchObject({
      CompanyName: 'Acme GmbH',
      ContactName: 'Jürgen Groß',
      CountryCode: 'DE',
      CountryName: 'de',
      EMail: 'jg@acme.example',
      Telephone: '+49 30 1234567',
      LicenseKey: box.sim.state.license.LicenseKey,
    });
    const bad = await box.xapi.request('POST', '/LicenseStatus/Pbx.EditLicenseInfo', {
      licenseParams: { ...licenseParams, Email: 'not-an-address' },
    });
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toContain('licenseParams.Email');
  });

  it('Services.Restart records each restart and gives the service a fresh sample time', async () => {
    const before = box.sim.state.services.find((s) => s.Name === 'nginx');
    const oldSample = before?.SampleTime as string;
    const startedAt = Date.now();
    const res = await box.xapi.request('POST', '/Services/Pbx.Restart', {
      options: { ServiceNames: ['nginx', '3CXQueueManager01'] },
    });
    expect(res.status).toBe(204);
    expect(box.sim.state.restarts.map((r) => r.name)).toEqual(['nginx', '3CXQueueManager01']);
    const at = Date.parse(box.sim.state.restarts[0]?.at ?? '');
    expect(at).toBeGreaterThanOrEqual(startedAt - 1);
    const services = await box.xapi.list("/Services?$filter=Name eq 'nginx'");
    expect(services[0]).toMatchObject({ Status: 'Running', TotalProcessorTime: 0 });
    expect(Date.parse(services[0]?.SampleTime as string)).toBeGreaterThanOrEqual(Date.parse(oldSample));
    expect(services[0]?.SampleTime).toBe(box.sim.state.restarts[0]?.at);

    const unknown = await box.xapi.request('POST', '/Services/Pbx.Restart', {
      options: { ServiceNames: ['nginx', 'NoSuchService'] },
    });
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown).message).toContain('NoSuchService');
    expect(box.sim.state.restarts).toHaveLength(2);
  });

  it('Services.Stop and Start change the status the list shows', async () => {
    // The seeded company has a stopped tunnel service; start it so the test begins with everything running.
    const stopped = box.sim.state.services.filter((s) => s.Status !== 'Running').map((s) => String(s.Name));
    if (stopped.length > 0)
      await box.xapi.request('POST', '/Services/Pbx.Start', { options: { ServiceNames: stopped } });
    await box.xapi.request('POST', '/Services/Pbx.Stop', { options: { ServiceNames: ['3CXIVR01'] } });
    expect((await box.xapi.list("/Services?$filter=Status ne 'Running'")).map((s) => s.Name)).toEqual([
      '3CXIVR01',
    ]);
    expect((await box.xapi.get('/SystemStatus')).body).toMatchObject({ HasNotRunningServices: true });
    await box.xapi.request('POST', '/Services/Pbx.Start', { options: { ServiceNames: ['3CXIVR01'] } });
    expect(await box.xapi.list("/Services?$filter=Status ne 'Running'")).toEqual([]);
    const core = await box.xapi.request('POST', '/Services/Pbx.Stop', {
      options: { ServiceNames: ['3CXPhoneSystem01'] },
    });
    expect(core.status).toBe(400);
  });

  it('ConferenceSettings.UpdateMCURequestStatus changes the request GetMCURequestStatus answers', async () => {
    const pending = await box.xapi.get('/ConferenceSettings/Pbx.GetMCURequestStatus()');
    expect(pending.status).toBe(200);
    const request = pending.body as Record<string, unknown>;
    expect(request).toMatchObject({ Operation: 'Create', State: 'Pending', ErrorMessage: null });
    expect(request).not.toHaveProperty('value');
    const expires = Date.parse(request.RequestExpiration as string) - Date.now();
    expect(expires).toBeGreaterThan(55 * 60_000);
    expect(expires).toBeLessThanOrEqual(60 * 60_000);

    const res = await box.xapi.request('POST', '/ConferenceSettings/Pbx.UpdateMCURequestStatus', {
      request: {
        ...request,
        '@odata.context': undefined,
        State: 'Failure',
        ErrorMessage: 'Rejected by @ann',
      },
    });
    expect(res.status).toBe(204);
    expect(box.sim.state.mcuRequest).toMatchObject({ State: 'Failure', ErrorMessage: 'Rejected by @ann' });
    expect((await box.xapi.get('/ConferenceSettings/Pbx.GetMCURequestStatus()')).body).toMatchObject({
      McuId: request.McuId,
      State: 'Failure',
      ErrorMessage: 'Rejected by @ann',
    });

    const other = await box.xapi.request('POST', '/ConferenceSettings/Pbx.UpdateMCURequestStatus', {
      request: { McuId: 'someone-else', State: 'Success' },
    });
    expect(other.status).toBe(404);
    const badState = await box.xapi.request('POST', '/ConferenceSettings/Pbx.UpdateMCURequestStatus', {
      request: { McuId: request.McuId, State: 'Maybe' },
    });
    expect(badState.status).toBe(400);
  });

  it('starts a fresh pending MCU request from POST /_sim/mcu-request', async () => {
    const res = await fetch(`${box.sim.url}/_sim/mcu-request`, {
      method: 'POST',
      body: JSON.stringify({ McuId: 'mcu-2', Operation: 'Delete' }),
    });
    expect(res.status).toBe(201);
    expect((await box.xapi.get('/ConferenceSettings/Pbx.GetMCURequestStatus()')).body).toMatchObject({
      McuId: 'mcu-2',
      Operation: 'Delete',
      State: 'Pending',
    });
  });

  it('reset() reseeds the same state object', async () => {
    const state = box.sim.state;
    await box.xapi.request('POST', '/SystemStatus/Pbx.SetMultiCompanyMode', { enable: true });
    await box.xapi.request('DELETE', '/Users(1)');
    box.sim.reset();
    expect(box.sim.state).toBe(state);
    expect(state.multiCompanyMode).toBe(false);
    expect(state.users).toHaveLength(40);
    expect(box.sim.requests).toHaveLength(0);
  });
});
