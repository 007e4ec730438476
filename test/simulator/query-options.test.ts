import { errorOf, useSimulator } from './helpers';

type Row = Record<string, unknown>;

const q = (options: Record<string, string>) =>
  `?${new URLSearchParams(options).toString().replace(/\+/g, '%20')}`;

describe('OData query options on a stateful set', () => {
  const box = useSimulator();
  const ids = async (filter: string, set = 'Users', key = 'Id') =>
    (await box.xapi.list(`/${set}${q({ $filter: filter })}`)).map((e) => e[key]);

  it.each([
    ['Id eq 3', [3]],
    ['Id gt 37', [38, 39, 40]],
    ['Id ge 39', [39, 40]],
    ['Id lt 3', [1, 2]],
    ['Id le 2', [1, 2]],
    [
      "FirstName eq 'Zoë' or FirstName eq 'Seán'",
      (u: Row) => u.FirstName === 'Zoë' || u.FirstName === 'Seán',
    ],
    ['Id gt 5 and Id lt 8', [6, 7]],
    ['Id gt 5 AND Id lt 7', [6]],
    ['not (Id gt 2)', [1, 2]],
    [
      '(Id eq 1 or Id eq 10) and Enabled eq true',
      (u: Row) => (u.Id === 1 || u.Id === 10) && u.Enabled === true,
    ],
    ['Enabled eq false', (u: Row) => u.Enabled === false],
    ['Enabled', (u: Row) => u.Enabled === true],
    ["contains(LastName,'an')", (u: Row) => String(u.LastName).includes('an')],
    ["startswith(FirstName, 'Pr')", (u: Row) => String(u.FirstName).startsWith('Pr')],
    [
      "endswith(EmailAddress,'patel@northwind.co.uk')",
      (u: Row) => String(u.EmailAddress).endsWith('patel@northwind.co.uk'),
    ],
    ["LastName eq 'O''Brien'", (u: Row) => u.LastName === "O'Brien"],
    ["Number in ('100', '101')", [1, 2]],
    ["tolower(FirstName) eq 'zoë'", (u: Row) => String(u.FirstName).toLowerCase() === 'zoë'],
    [
      "QueueStatus eq 'LoggedIn' and PrimaryGroupId eq 1",
      (u: Row) => u.QueueStatus === 'LoggedIn' && u.PrimaryGroupId === 1,
    ],
    ['Id eq 1 or Id eq 2 and Id eq 3', [1]],
    ['Id eq -1', []],
    ["Mobile eq null or Id eq 2 and FirstName ne 'x'", [2]],
  ])('$filter=%s', async (filter, expected) => {
    // Predicates state the meaning over the seeded users; the filter must pick exactly those.
    const want =
      typeof expected === 'function' ? box.sim.state.users.filter(expected).map((u) => u.Id) : expected;
    expect(await ids(filter)).toEqual(want);
  });

  it('compares with null, decimals and date-times', async () => {
    const props = box.sim.state.tenantProperties;
    box.sim.state.tenantProperties.push({ Name: 'NO_DESCRIPTION', Value: '1', Description: null });
    expect(await ids('Description eq null', 'TenantProperties', 'Name')).toEqual(['NO_DESCRIPTION']);
    expect(await ids('Description ne null', 'TenantProperties', 'Name')).toHaveLength(props.length - 1);
    const services = box.sim.state.services;
    const big = services.filter((x) => Number(x.MemoryUsed) > 99999999.5).map((x) => x.Name);
    expect(big.length).toBeGreaterThan(0);
    expect(await ids('MemoryUsed gt 99999999.5', 'Services', 'Name')).toEqual(big);
    expect(await ids('SampleTime gt 2000-01-01T00:00:00Z', 'Services', 'Name')).toHaveLength(services.length);
    expect(await ids('SampleTime lt 2000-01-01', 'Services', 'Name')).toHaveLength(0);
  });

  it.each([
    ['Id eq', /expected a value after eq at position 5/],
    ['Id eq 1 and', /expected a property, a value or a function but found the end/],
    ['(Id eq 1', /expected '\)' but found the end/],
    ["FirstName eq 'Anna", /text literal is not closed.*position 13/],
    ['Nope eq 1', /Nope is not a property of Users/],
    ['FirstName eq 5', /eq compares string with number/],
    ['Id eq 1 Id eq 2', /unexpected "Id" at position 8/],
    ['frob(Id)', /unknown function frob/],
    ['Id # 1', /unexpected character "#"/],
    ['FirstName', /expected a condition/],
    ['', /the expression is empty/],
    ["contains(Id,'1')", /contains works on text, but an argument is number/],
    ['Groups eq 1', /cannot compare a structured property/],
  ])('answers 400 naming the problem for $filter=%s', async (filter, message) => {
    const res = await box.xapi.get(`/Users${q({ $filter: filter })}`);
    expect(res.status).toBe(400);
    expect(errorOf(res)).toMatchObject({
      code: '400',
      target: '$filter',
      message: expect.stringMatching(message),
    });
  });

  it('pages with $top and $skip and counts with $count before paging', async () => {
    const page = await box.xapi.get(
      `/Users${q({ $top: '5', $skip: '5', $count: 'true', $filter: 'Id gt 2' })}`,
    );
    const body = page.body as { '@odata.count': number; value: { Id: number }[] };
    expect(body['@odata.count']).toBe(38);
    expect(body.value.map((u) => u.Id)).toEqual([8, 9, 10, 11, 12]);
    expect((await box.xapi.list(`/Users${q({ $skip: '39' })}`)).map((u) => u.Id)).toEqual([40]);
    expect(await box.xapi.list(`/Users${q({ $top: '0' })}`)).toEqual([]);
    const noCount = await box.xapi.get(`/Users${q({ $count: 'false' })}`);
    expect(noCount.body).not.toHaveProperty('@odata.count');
  });

  it.each([
    ['$top', '-1'],
    ['$top', 'ten'],
    ['$skip', '1.5'],
    ['$count', 'yes'],
  ])('answers 400 for %s=%s', async (name, value) => {
    const res = await box.xapi.get(`/Users${q({ [name]: value })}`);
    expect(res.status).toBe(400);
    expect(errorOf(res).message).toContain(name);
  });

  it('selects properties, in any case, under their canonical names', async () => {
    const users = await box.xapi.list(`/Users${q({ $select: 'Id, firstname', $top: '2' })}`);
    const [first, second, third] = box.sim.state.users;
    expect(users).toEqual([
      { Id: 1, FirstName: first?.FirstName },
      { Id: 2, FirstName: second?.FirstName },
    ]);
    const one = await box.xapi.get(`/Users(3)${q({ $select: 'LastName' })}`);
    expect(one.body).toEqual({
      '@odata.context': `${box.sim.url}/xapi/v1/$metadata#Users/$entity`,
      LastName: third?.LastName,
    });
    const bad = await box.xapi.get(`/Users${q({ $select: 'Id,Shoe' })}`);
    expect(bad.status).toBe(400);
    expect(errorOf(bad).message).toMatch(/Shoe is not a property of Users/);
  });

  it('orders by one or more properties, ascending or descending', async () => {
    const desc = await box.xapi.list(
      `/Users${q({ $orderby: 'LastName desc', $top: '2', $select: 'LastName' })}`,
    );
    const byName = box.sim.state.users
      .map((u) => String(u.LastName))
      .sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
    expect(desc).toEqual(byName.slice(0, 2).map((LastName) => ({ LastName })));
    const multi = await box.xapi.list(
      `/Users${q({ $orderby: 'PrimaryGroupId asc,Id desc', $select: 'Id' })}`,
    );
    const sorted = [...box.sim.state.users].sort(
      (a, b) => Number(a.PrimaryGroupId) - Number(b.PrimaryGroupId) || Number(b.Id) - Number(a.Id),
    );
    expect(multi.map((u) => u.Id)).toEqual(sorted.map((u) => u.Id));
    const asc = await box.xapi.list(`/Users${q({ $orderby: 'Number', $top: '1' })}`);
    expect(asc[0]?.Number).toBe('100');
    const bad = await box.xapi.get(`/Users${q({ $orderby: 'Id sideways' })}`);
    expect(errorOf(bad).message).toMatch(/Invalid \$orderby/);
  });

  it('searches text properties with $search', async () => {
    const found = box.sim.state.users.filter((u) =>
      Object.values(u).some(
        (v) => (typeof v === 'string' || typeof v === 'number') && String(v).toLowerCase().includes('müller'),
      ),
    );
    expect(found.length).toBeGreaterThan(0);
    expect((await box.xapi.list(`/Users${q({ $search: 'müller' })}`)).map((u) => u.Id)).toEqual(
      found.map((u) => u.Id),
    );
  });

  it('honours $top and $count on generic collections too', async () => {
    const res = await box.xapi.get(`/Users/Pbx.ExportExtensions()${q({ $top: '1', $count: 'true' })}`);
    const body = res.body as { '@odata.count': number; value: unknown[] };
    expect(body['@odata.count']).toBe(2);
    expect(body.value).toHaveLength(1);
  });
});

describe('paging through many users', () => {
  const box = useSimulator({ users: 1000 });

  it('returns all 1,000 users exactly once over pages of 100', async () => {
    const seen = new Set<unknown>();
    let count = 0;
    for (let skip = 0; skip < 1000; skip += 100) {
      const res = await box.xapi.get(
        `/Users${q({ $top: '100', $skip: String(skip), $count: 'true', $orderby: 'Id' })}`,
      );
      const body = res.body as { '@odata.count': number; value: { Id: number }[] };
      count = body['@odata.count'];
      for (const u of body.value) seen.add(u.Id);
    }
    expect(count).toBe(1000);
    expect(seen.size).toBe(1000);
  });
});
