import { humanize } from '../../api/validation';

/**
 * Field labels in the words 3CX's own console uses: `ClickToCallId` → `Click-to-call ID`, `VMPIN` → `Voicemail PIN`,
 * `SIPID` → `SIP ID`. humanize() splits the words; this fixes the abbreviations and compounds it cannot know.
 */

/** Whole labels that read better written out, by property name. */
const NAMED: Record<string, string> = {
  ClickToCallId: 'Click-to-call ID',
  SIPID: 'SIP ID',
  AuthID: 'Auth ID',
  VMPIN: 'Voicemail PIN',
  VMEnabled: 'Voicemail enabled',
  VMEmailOptions: 'Voicemail email options',
  VMEmailList: 'Voicemail email list',
  EmailAddress: 'Email address',
  OutboundCallerID: 'Outbound caller ID',
  PrimaryGroupId: 'Department',
  E164CountryCode: 'E.164 country code',
  DidNumbers: 'DID numbers',
  IVRType: 'IVR type',
  SLATime: 'SLA time',
  MS365TeamsEnabled: 'Microsoft 365 Teams enabled',
  Enable2FA: 'Enable two-factor sign-in',
  Require2FA: 'Require two-factor sign-in',
  TimeZoneId: 'Time zone',
};

/** Words humanize() leaves as `Id`, `Url`, `Ip`: written the way people read them. */
const ACRONYMS: Record<string, string> = {
  Id: 'ID',
  Ids: 'IDs',
  Url: 'URL',
  Ip: 'IP',
  Dn: 'DN',
  Did: 'DID',
  Sms: 'SMS',
  Crm: 'CRM',
  Vm: 'Voicemail',
};

export function fieldLabel(name: string): string {
  const named = NAMED[name];
  if (named) return named;
  const words = humanize(name).split(' ');
  return words.map((w) => ACRONYMS[w] ?? w).join(' ');
}
