import {
  type Catalogue,
  catalogueFromOpenApi,
  dangerByRule,
  defaultCatalogue,
  OperationCatalogue,
} from '../../src/api/catalogue';
import { dangerOf, isDangerous } from '../../src/commands/confirm';
import { PermissionPolicy, parseBotConfig, unknownPatterns } from '../../src/permissions';
import { openApiDocument } from '../../src/simulator/openapi-document';

/**
 * DESIGN §4's dangerous writes are marked in the catalogue by one rule, whichever catalogue it is (the committed
 * one, a PBX's own from its OpenAPI document, one read back from the store). The list below is the rule's answer
 * for XAPI 20.0.10, written out so a change to the rule shows here operation by operation.
 */

const FQDN = [
  'ActivityLog.PurgeLogs',
  'Backups.PurgeLocalBackups',
  'Backups.Restore',
  'EventLogs.PurgeEventLog',
  'OutboundRules.Purge',
  'PurgeSettings.PurgeAllLogs',
  'PurgeSettings.PurgeCalls',
  'PurgeSettings.PurgeChats',
  'Recordings.PurgeArchive',
  'Recordings.PurgeLocal',
  'Services.RestartOperatingSystem',
];

/** Bulk and batch deletes are POSTs: classed by the words of their ids, not their method. */
const BULK = [
  'AISettings.BatchDeleteFiles',
  'BlackListNumbers.BulkNumbersDelete',
  'Blocklist.BulkIpsDelete',
  'Contacts.DeleteContactsById',
  'Contacts.DeleteContactsByType',
  'Contacts.DeleteDepartmentContactsByType',
  'Contacts.DeletePersonalContactsByType',
  'CrmIntegration.DeleteCrmContacts',
  'Fax.BulkFaxDelete',
  'InboundRules.BulkInboundRulesDelete',
  'Recordings.BulkRecordingsDelete',
  'Users.BatchDelete',
  'Users.MultiDeleteGreeting',
  'VoicemailSettings.DeleteAllUserVoicemails',
  'WebsiteLinks.BulkLinksDelete',
];

const CONFIRM = [
  ...BULK,
  'ActiveCalls.DropCall',
  'AISettings.DeleteOpenAiFile',
  'AISettings.DeleteVectorStore',
  'AISettings.DeleteVectorStoreFile',
  'Backups.DeleteBackups',
  'Backups.SetRestoreSettings',
  'BlackListNumbers.DeleteBlackListNumber',
  'Blocklist.DeleteBlocklistAddr',
  'CallFlowApps.DeleteCallFlowApp',
  'CallFlowApps.DeleteFile',
  'ConferenceSettings.DeleteApiKey',
  'Contacts.DeleteContact',
  'CrmTemplates.DeleteCrmTemplate',
  'CustomPrompts.DeleteCustomPrompt',
  'DeviceInfos.DeleteDeviceInfo',
  'DNProperties.DeleteDNProperty',
  'Fax.DeleteFax',
  'Firmwares.DeleteFirmware',
  'Fxs.DeleteFxs',
  'FxsTemplates.DeleteFxsTemplate',
  'Groups.DeleteCompanyById',
  'Groups.DeleteCompanyByNumber',
  'Groups.DeleteGroup',
  'Holidays.DeleteHoliday',
  'InboundRules.DeleteInboundRule',
  'OAuthClients.DeleteOAuthClient',
  'OutboundRules.DeleteOutboundRule',
  'Parameters.DeleteParameter',
  'Parkings.DeleteParking',
  'PhoneLogos.DeletePhoneLogo',
  'PhoneTemplates.DeletePhoneTemplate',
  'Playlists.DeletePlaylist',
  'Playlists.DeletePlaylistFile',
  'PromptSets.DeletePromptSet',
  'Queues.DeleteQueue',
  'Queues.ResetQueueStatistics',
  'Receptionists.DeleteReceptionist',
  'RingGroups.DeleteRingGroup',
  'Sbcs.DeleteSbc',
  'ScheduledReports.DeleteScheduledReport',
  'ServicePrincipals.DeleteServicePrincipal',
  'Services.Restart',
  'SystemStatus.SetMultiCompanyMode',
  'TenantProperties.DeleteProperty',
  'Trunks.DeleteTrunk',
  'TrunkTemplates.DeleteTrunkTemplate',
  'Users.DeleteUser',
  'VoicemailSettings.DeleteConverterConfiguration',
  'WebsiteLinks.DeleteWeblink',
];

const marks = (catalogue: OperationCatalogue) =>
  Object.fromEntries(catalogue.operations.filter((op) => op.danger).map((op) => [op.key, op.danger]));

const expected = Object.fromEntries([
  ...CONFIRM.map((key) => [key, 'confirm']),
  ...FQDN.map((key) => [key, 'fqdn']),
]);

describe('dangerous operations in the catalogue', () => {
  const catalogue = defaultCatalogue();

  it('marks 75 of the 601 operations, 11 of them needing the FQDN typed', () => {
    expect(marks(catalogue)).toEqual(expected);
    expect(Object.keys(marks(catalogue))).toHaveLength(75);
    expect(FQDN).toHaveLength(11);
  });

  it('marks every DELETE, and never a read', () => {
    for (const op of catalogue.operations) {
      if (op.method === 'DELETE') expect([op.key, op.danger]).toEqual([op.key, 'confirm']);
      if (op.method === 'GET') expect([op.key, op.danger]).toEqual([op.key, undefined]);
    }
    // `Restore` as a word of a read is no harm.
    expect(catalogue.get('Backups.GetRestoreSettings')?.danger).toBeUndefined();
  });

  it("marks a PBX's own catalogue, read from its OpenAPI document, the same way", () => {
    const own = new OperationCatalogue(
      catalogueFromOpenApi(openApiDocument(catalogue, '20.0.10'), 'swagger.yaml'),
    );
    expect(marks(own)).toEqual(expected);
  });

  it('classes operations a newer 3CX adds by the same rule, whatever their method', () => {
    const added = (operationId: string, method: 'POST' | 'DELETE' | 'PATCH') => ({ operationId, method });
    expect(dangerByRule(added('BulkWidgetsDelete', 'POST'))).toBe('confirm');
    expect(dangerByRule(added('ResetWidgetCounters', 'POST'))).toBe('confirm');
    expect(dangerByRule(added('PurgeWidgets', 'POST'))).toBe('fqdn');
    expect(dangerByRule(added('DeleteWidget', 'DELETE'))).toBe('confirm');
    expect(dangerByRule(added('UpdateWidget', 'PATCH'))).toBeUndefined();
    // A word, not a substring: `Preset` is not `Reset`.
    expect(dangerByRule(added('SetPresets', 'POST'))).toBeUndefined();
  });

  it('a mark carried in from outside (a stale cache, a hand edit) is replaced by the rule, never trusted', () => {
    const data: Catalogue = {
      ...catalogue.data,
      operations: catalogue.data.operations.map((op) =>
        op.key === 'Users.DeleteUser'
          ? { ...op, danger: undefined }
          : op.key === 'Users.ListUser'
            ? { ...op, danger: 'fqdn' }
            : op,
      ),
    };
    const rebuilt = new OperationCatalogue(data);
    expect(rebuilt.get('Users.DeleteUser')?.danger).toBe('confirm');
    expect(rebuilt.get('Users.ListUser')?.danger).toBeUndefined();
  });
});

describe('BOT_CONFIG confirm:', () => {
  const catalogue = defaultCatalogue();
  const op = (key: string) => catalogue.get(key) as NonNullable<ReturnType<typeof catalogue.get>>;
  const withConfirm = (list: string) => {
    const config = parseBotConfig(`roles: {}\nconfirm: ${list}`, 'bot.yml');
    return { config, ctx: { policy: new PermissionPolicy(config) } };
  };

  it('adds operation keys and Resource.* patterns, case-insensitively', () => {
    const { ctx } = withConfirm('["queues.updatequeue", "Trunks.*"]');
    expect(dangerOf(op('Queues.UpdateQueue'), ctx)).toBe('confirm');
    expect(dangerOf(op('Trunks.UpdateTrunk'), ctx)).toBe('confirm');
    expect(dangerOf(op('Users.UpdateUser'), ctx)).toBeUndefined();
    // Without the configuration only the built-in ones ask.
    expect(isDangerous(op('Queues.UpdateQueue'))).toBe(false);
  });

  it('cannot lower a built-in mark: the worst still need the FQDN', () => {
    const { ctx } = withConfirm('["Services.*", "Users.DeleteUser"]');
    expect(dangerOf(op('Services.RestartOperatingSystem'), ctx)).toBe('fqdn');
    expect(dangerOf(op('Users.DeleteUser'), ctx)).toBe('confirm');
    expect(
      dangerOf(op('Users.DeleteUser'), { policy: new PermissionPolicy(parseBotConfig('roles: {}', 'x')) }),
    ).toBe('confirm');
  });

  it('is checked against the catalogue at start, like roles', () => {
    const { config } = withConfirm('["Queues.UpdateQueu", "Widgets.*", "write", "Trunks.*"]');
    expect(unknownPatterns(config, catalogue)).toEqual([
      'confirm[0]: "Queues.UpdateQueu" matches no XAPI operation (did you mean Queues.UpdateQueue?)',
      expect.stringMatching(/^confirm\[1\]: "Widgets\.\*" matches no XAPI operation/),
      'confirm[2]: "write" is not an operation; name operations (Queues.UpdateQueue) or resources (Trunks.*)',
    ]);
    expect(() => parseBotConfig('roles: {}\nconfirm: "Trunks.*"', 'bot.yml')).toThrow('confirm');
  });
});
