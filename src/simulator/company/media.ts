import { fill, type Row } from './fill';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';
import { uuid } from './system';

/** What callers hear and people receive: prompts, prompt sets, hold music, phone logos and email templates. */

const DATA = '/var/lib/3cxpbx/Instance1/Data';

/** The prompts the company uploaded; those the IVR and queues play cannot be deleted while in use. */
export function customPrompts(profile: PbxProfile, queues: Row[]): Row[] {
  const files: Array<[string, string, boolean]> = [
    ['main-menu.wav', 'Main menu', false],
    ...queues.map((q): [string, string, boolean] => {
      const name = String(q.Name).replace(/ Queue$/, '');
      return [`${name.toLowerCase()}-welcome.wav`, `${name} welcome`, false];
    }),
    ['onhold.wav', 'On hold', false],
    ['holiday.wav', 'Closed for the holiday', false],
    ['christmas-hours.wav', 'Christmas opening hours', true],
  ];
  return files.map(([Filename, DisplayName, CanBeDeleted]) =>
    fill('CustomPrompt', {
      Filename,
      DisplayName,
      CanBeDeleted,
      PromptType: 'File',
      FileLink: `https://${profile.fqdn}/webclient/api/CustomPrompts/${Filename}`,
    }),
  );
}

/** [culture, language, name, what its three sample prompts say]. */
type PromptLanguage = readonly [string, string, string, readonly [string, string, string]];

const ENGLISH: readonly [string, string, string] = [
  'Thank you for calling.',
  'Please enter the extension number.',
  'Please hold while we transfer your call.',
];
const LANGUAGES: Record<string, PromptLanguage> = {
  'en-GB': ['en-GB', 'en', 'English (UK)', ENGLISH],
  'en-US': ['en-US', 'en', 'English (US)', ENGLISH],
  'de-DE': [
    'de-DE',
    'de',
    'Deutsch',
    [
      'Vielen Dank für Ihren Anruf.',
      'Bitte geben Sie die Durchwahl ein.',
      'Bitte bleiben Sie in der Leitung, wir verbinden Sie.',
    ],
  ],
  'es-ES': [
    'es-ES',
    'es',
    'Español (España)',
    ['Gracias por su llamada.', 'Marque el número de extensión.', 'Espere mientras transferimos su llamada.'],
  ],
  'es-US': [
    'es-US',
    'es',
    'Español (EE. UU.)',
    ['Gracias por su llamada.', 'Marque el número de extensión.', 'Espere mientras transferimos su llamada.'],
  ],
};

const SETS_BY_COUNTRY: Record<string, readonly [string, string]> = {
  GB: ['en-GB', 'en-US'],
  DE: ['de-DE', 'en-GB'],
  US: ['en-US', 'es-US'],
  ES: ['es-ES', 'en-GB'],
};

/** The system prompt sets installed: the country's language first (the one in use), then a second one. */
export function promptSets(profile: PbxProfile, rng: Prng): Row[] {
  const cultures = SETS_BY_COUNTRY[profile.countryCode] ?? SETS_BY_COUNTRY.GB ?? [];
  return cultures.map((culture, i) => {
    const [CultureCode, LanguageCode, name, said] = LANGUAGES[culture] as PromptLanguage;
    const files = ['ThankYouForCalling.wav', 'EnterExtension.wav', 'PleaseHold.wav'];
    return fill('PromptSet', {
      Id: i + 1,
      PromptSetName: `${name} Prompt Set`,
      CultureCode,
      LanguageCode,
      Description: i === 0 ? 'Prompts in use' : 'Installed, not in use',
      Folder: `${DATA}/Ivr/Prompts/Sets/${uuid(rng)}`,
      PromptSetType: 'System',
      UseAlternateNumberPronunciation: false,
      Version: '20.0.4',
      Prompts: files.map((Filename, k) =>
        fill('Prompt', { Id: String(k + 1), Filename, Transcription: said[k] }),
      ),
    });
  });
}

export function playlists(): Row[] {
  const rows: Array<[string, string[], boolean]> = [
    ['Default', ['classical-01.wav', 'classical-02.wav', 'classical-03.wav'], true],
    ['Sales hold music', ['upbeat-01.wav', 'upbeat-02.wav'], false],
  ];
  return rows.map(([Name, Files, Shuffle]) =>
    fill('Playlist', {
      Name,
      PromptName: Name,
      Files,
      Shuffle,
      AutoGain: true,
      MaxVolumePercent: 80,
      RepositoryPath: `${DATA}/Ivr/Playlist/${Name.replace(/ /g, '_')}`,
    }),
  );
}

export function phoneLogos(profile: PbxProfile): Row[] {
  const host = profile.fqdn.split('.')[0] as string;
  return [
    fill('PhoneLogo', { Filename: `${host}-logo.png`, DisplayName: `${profile.companyName} logo` }),
    fill('PhoneLogo', {
      Filename: `${host}-logo-mono.bmp`,
      DisplayName: `${profile.companyName} logo, monochrome`,
    }),
  ];
}

/** [file, name, subject, body] of the emails the PBX sends, in the language of the company's first prompt set. */
const EMAILS: ReadonlyArray<readonly [string, string, string, string, boolean]> = [
  [
    'welcome.html',
    'Welcome email',
    'Welcome to %COMPANY% - your extension %EXTENSION%',
    '<p>Hello %FIRSTNAME%,</p><p>Your extension is %EXTENSION%. Sign in at %WEBCLIENTURL%.</p>',
    false,
  ],
  [
    'voicemail.html',
    'New voicemail',
    'New voicemail from %CALLERID%',
    '<p>%CALLERNAME% (%CALLERID%) left you a message of %DURATION%.</p>',
    false,
  ],
  [
    'missedcall.html',
    'Missed call',
    'Missed call from %CALLERID%',
    '<p>You missed a call from %CALLERNAME% (%CALLERID%) at %TIME%.</p>',
    false,
  ],
  [
    'conference.html',
    'Meeting invitation',
    '%ORGANIZER% invites you to %MEETINGNAME%',
    '<p>Join %MEETINGNAME% at %MEETINGURL% or dial %DIALIN% with PIN %PIN%.</p>',
    true,
  ],
];

export function emailTemplates(profile: PbxProfile): Row[] {
  const lang = profile.countryCode === 'DE' ? 'DE' : profile.countryCode === 'ES' ? 'ES' : 'EN';
  return EMAILS.map(([file, Name, Subject, Body, IsConference]) =>
    fill('EmailTemplate', {
      TemplatePath: `Templates/${lang.toLowerCase()}/${file}`,
      Name,
      Subject,
      Body,
      From: `pbx@${profile.domain}`,
      Lang: lang,
      IsDefault: true,
      IsConference,
    }),
  );
}
