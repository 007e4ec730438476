import { defaultCatalogue } from '../../src/api/catalogue';
import { isListedApprover, PermissionPolicy, parseBotConfig, unknownPatterns } from '../../src/permissions';

const YAML = `
roles:
  viewer:   { allow: [read] }
  operator: { allow: [read, "Services.Restart", "TenantProperties.*", "ConferenceSettings.UpdateMCURequestStatus"] }
  admin:    { allow: ["*"] }
members:
  U0ADMIN: admin
  U0VIEW: viewer
  S0NOC: operator
approvals:
  - operations: ["Services.Restart", "LicenseStatus.EditLicenseInfo"]
    approvers: [U0ADMIN]
channels:
  mcu_approvals: C0MCU
`;

const catalogue = defaultCatalogue();
const op = (key: string) => {
  const found = catalogue.get(key);
  if (!found) throw new Error(key);
  return found;
};

describe('BOT_CONFIG', () => {
  it('parses the example of the design', () => {
    const config = parseBotConfig(YAML, 'bot.yml');
    expect(config.members.S0NOC).toBe('operator');
    expect(config.approvals[0]?.expires_minutes).toBe(60);
    expect(unknownPatterns(config, catalogue)).toEqual([]);
  });

  it('names the key, the problem and the fix', () => {
    expect(() => parseBotConfig('roles: {}\nmembers: { U1: ghost }', 'bot.yml')).toThrow(
      'members.U1: role "ghost" is not defined under roles',
    );
    expect(() => parseBotConfig('roles: {}\nmembers: { bob: admin }', 'bot.yml')).toThrow(
      'members.bob: "bob" is not a Slack user id',
    );
    expect(() => parseBotConfig('roles: {}\nmember: {}', 'bot.yml')).toThrow(
      'allowed keys: pbxs, roles, members, approvals, confirm, channels',
    );
    expect(() => parseBotConfig('roles: [', 'bot.yml')).toThrow('bot.yml is not valid YAML');
    const typo = parseBotConfig('roles: { op: { allow: ["Services.Restrat"] } }', 'bot.yml');
    expect(unknownPatterns(typo, catalogue)).toEqual([
      'roles.op.allow: "Services.Restrat" matches no XAPI operation (did you mean Services.Restart?)',
    ]);
  });
});

describe('PermissionPolicy', () => {
  const policy = new PermissionPolicy(parseBotConfig(YAML, 'bot.yml'));

  it('denies by default and names the missing permission', () => {
    expect(
      policy.checkOperation({ userId: 'U0NOBODY', groups: [] }, op('SystemStatus.GetSystemStatus')),
    ).toEqual({
      allowed: false,
      missing: 'SystemStatus.GetSystemStatus',
      roles: [],
    });
  });

  it('read covers every GET and nothing else', () => {
    const viewer = { userId: 'U0VIEW', groups: [] };
    expect(policy.checkOperation(viewer, op('Users.ListUser')).allowed).toBe(true);
    expect(policy.checkOperation(viewer, op('Services.Restart'))).toMatchObject({
      allowed: false,
      missing: 'Services.Restart',
    });
  });

  it('grants through user groups, a resource wildcard, and the union of roles', () => {
    const noc = { userId: 'U0VIEW', groups: ['S0NOC'] };
    expect(policy.rolesOf(noc)).toEqual(['operator', 'viewer']);
    expect(policy.checkOperation(noc, op('TenantProperties.UpdateProperty')).allowed).toBe(true);
    expect(policy.checkOperation(noc, op('Services.Restart')).allowed).toBe(true);
    expect(policy.checkOperation(noc, op('LicenseStatus.EditLicenseInfo')).allowed).toBe(false);
    expect(
      policy.checkOperation({ userId: 'U0ADMIN', groups: [] }, op('Services.RestartOperatingSystem')).allowed,
    ).toBe(true);
  });

  it('finds the approval rule of an operation', () => {
    expect(policy.approvalFor(op('Services.Restart'))?.approvers).toEqual(['U0ADMIN']);
    expect(policy.approvalFor(op('TenantProperties.UpdateProperty'))).toBeUndefined();
  });
});

describe('isListedApprover', () => {
  it('counts a listed id or a listed user group, and nothing else', () => {
    const approvers = ['U0ADMIN', 'S0NOC'];
    expect(isListedApprover(approvers, { userId: 'U0ADMIN', groups: [] })).toBe(true);
    expect(isListedApprover(approvers, { userId: 'U0OPS', groups: ['S0NOC'] })).toBe(true);
    expect(isListedApprover(approvers, { userId: 'U0OPS', groups: ['S0OTHER'] })).toBe(false);
    expect(isListedApprover([], { userId: 'U0ADMIN', groups: [] })).toBe(false);
  });
});

describe('approvers in BOT_CONFIG', () => {
  it('refuses, naming them, an approver who holds no role', () => {
    const yaml = `${YAML}  - operations: ["Services.Restart"]\n    approvers: [U0NOBODY, S0NOC]\n`.replace(
      'channels:\n  mcu_approvals: C0MCU\n',
      '',
    );
    expect(() => parseBotConfig(`${yaml}channels:\n  mcu_approvals: C0MCU\n`, 'bot.yml')).toThrow(
      /approvals\[1\]\.approvers: U0NOBODY holds no role/,
    );
  });
});
