/**
 * The fields people fill first, per body type (or per operation, when the body is a wrapper), in the order the 3CX
 * console asks for them. A form shows these right after the required fields; the generic ranking in choose.ts
 * orders everything else. Names are body paths, as ModalOverrides.order takes them.
 */
export const CURATED_ORDER: Record<string, string[]> = {
  User: [
    'FirstName',
    'LastName',
    'Number',
    'EmailAddress',
    'Mobile',
    'OutboundCallerID',
    'PrimaryGroupId',
    'Language',
    'Enabled',
    'VMEnabled',
    'VMPIN',
    'RecordCalls',
  ],
  Group: ['Name', 'Number', 'Language', 'TimeZoneId', 'CurrentGroupHours', 'AllowCallService'],
  Queue: [
    'Name',
    'Number',
    'PollingStrategy',
    'RingTimeout',
    'MasterTimeout',
    'MaxCallersInQueue',
    'WrapUpTime',
    'SLATime',
    'AnnounceQueuePosition',
    'PriorityQueue',
  ],
  RingGroup: ['Name', 'Number', 'RingStrategy', 'RingTime', 'VMEmailList'],
  Receptionist: [
    'Name',
    'Number',
    'IVRType',
    'PromptFilename',
    'Timeout',
    'TimeoutForwardType',
    'TimeoutForwardDN',
    'InvalidKeyForwardDN',
    'TransferEnable',
  ],
  Trunk: [
    'Number',
    'ExternalNumber',
    'AuthID',
    'Direction',
    'SimultaneousCalls',
    'EnableInboundCalls',
    'EnableOutboundCalls',
    'OutboundCallerID',
    'E164CountryCode',
    'SecondaryRegistrar',
  ],
  Property: ['Name', 'Value', 'Description'],
  'LicenseStatus.EditLicenseInfo': [
    'licenseParams.CompanyName',
    'licenseParams.ContactName',
    'licenseParams.Country',
    'licenseParams.Email',
    'licenseParams.Phone',
  ],
};

/** The curated order of an operation's form: by its key first, then by its body's type name. */
export function curatedOrder(opKey: string, bodyType: string | undefined): string[] | undefined {
  return CURATED_ORDER[opKey] ?? (bodyType ? CURATED_ORDER[bodyType] : undefined);
}

/** How many forms get a curated order: every operation whose key or body type is in the table. */
export function isCurated(opKey: string, bodyType: string | undefined): boolean {
  return curatedOrder(opKey, bodyType) !== undefined;
}
