/**
 * What a person needs of the everyday entity sets, beyond what the catalogue says: a label, the columns of a
 * list, and short field names. Data only: a curated set may relabel, reorder or pick columns, never take another
 * code path. A column is a property name or a dotted path (`Gateway.Host`), one of the words the words module
 * computes (`@name`, `@state`), or `@<List>`: a list property shown as its size and first names.
 */

export interface Column {
  label: string;
  field: string;
}

export interface CuratedEntity {
  label?: string;
  columns?: Column[];
  /** Short field name → XAPI property (`email` → `EmailAddress`). */
  aliases?: Record<string, string>;
}

const NUMBER: Column = { label: 'Number', field: 'Number' };
const NAME: Column = { label: 'Name', field: '@name' };
const STATE: Column = { label: 'State', field: '@state' };
const MEMBERS: Column = { label: 'Members', field: '@Members' };

export const CURATED_ENTITIES: Record<string, CuratedEntity> = {
  Users: {
    label: 'user',
    columns: [NUMBER, NAME, { label: 'Email', field: 'EmailAddress' }, STATE],
    aliases: {
      email: 'EmailAddress',
      first: 'FirstName',
      last: 'LastName',
      mobile: 'Mobile',
      number: 'Number',
      ext: 'Number',
      extension: 'Number',
      name: 'DisplayName',
      language: 'Language',
      enabled: 'Enabled',
      pin: 'VMPin',
    },
  },
  Groups: {
    label: 'group',
    columns: [NUMBER, NAME, MEMBERS],
    aliases: { name: 'Name', number: 'Number', members: 'Members' },
  },
  Queues: {
    label: 'queue',
    columns: [
      NUMBER,
      NAME,
      { label: 'Strategy', field: 'PollingStrategy' },
      { label: 'Agents', field: '@Agents' },
      STATE,
    ],
    aliases: {
      name: 'Name',
      number: 'Number',
      strategy: 'PollingStrategy',
      timeout: 'RingTimeout',
      agents: 'Agents',
      managers: 'Managers',
    },
  },
  RingGroups: {
    label: 'ring group',
    columns: [NUMBER, NAME, { label: 'Strategy', field: 'RingStrategy' }, MEMBERS, STATE],
    aliases: {
      name: 'Name',
      number: 'Number',
      strategy: 'RingStrategy',
      time: 'RingTime',
      members: 'Members',
    },
  },
  Receptionists: {
    label: 'IVR',
    columns: [NUMBER, NAME, { label: 'Type', field: 'IVRType' }, STATE],
    aliases: { name: 'Name', number: 'Number', timeout: 'Timeout', prompt: 'PromptFilename' },
  },
  Trunks: {
    label: 'trunk',
    columns: [
      NUMBER,
      NAME,
      { label: 'Host', field: 'Gateway.Host' },
      { label: 'DID', field: 'ExternalNumber' },
      STATE,
    ],
    aliases: { number: 'Number', did: 'ExternalNumber', calls: 'SimultaneousCalls' },
  },
  Parkings: { label: 'parking', columns: [NUMBER, NAME, { label: 'Id', field: 'Id' }] },
  Fax: {
    label: 'fax',
    columns: [NUMBER, NAME, { label: 'Caller id', field: 'OutboundCallerId' }],
    aliases: { number: 'Number', callerid: 'OutboundCallerId' },
  },
  Contacts: {
    label: 'contact',
    columns: [
      NAME,
      { label: 'Company', field: 'CompanyName' },
      { label: 'Phone', field: 'PhoneNumber' },
      { label: 'Email', field: 'Email' },
    ],
    aliases: {
      first: 'FirstName',
      last: 'LastName',
      email: 'Email',
      phone: 'PhoneNumber',
      mobile: 'Mobile2',
      company: 'CompanyName',
    },
  },
  InboundRules: {
    label: 'inbound rule',
    columns: [
      NAME,
      { label: 'DID', field: 'Data' },
      { label: 'Trunk', field: 'TrunkDN.Name' },
      { label: 'Type', field: 'RuleType' },
    ],
    aliases: { name: 'Name', did: 'Data' },
  },
  OutboundRules: {
    label: 'outbound rule',
    columns: [
      NAME,
      { label: 'Prefix', field: 'Prefix' },
      { label: 'Priority', field: 'Priority' },
      { label: 'Routes', field: '@Routes' },
    ],
    aliases: { name: 'Name', prefix: 'Prefix', priority: 'Priority' },
  },
};

/** DESIGN §3: the names people use for three sets whose XAPI names they would not guess. */
export const ENTITY_ALIASES: Record<string, string> = {
  extension: 'Users',
  extensions: 'Users',
  department: 'Groups',
  departments: 'Groups',
  ivr: 'Receptionists',
  ivrs: 'Receptionists',
};
