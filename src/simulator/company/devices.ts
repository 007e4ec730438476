import { isoDuration } from './activity';
import { fill, type Row } from './fill';
import { firmwareOf, PHONE_MODELS, secretText } from './people';
import type { Prng } from './prng';
import type { PbxProfile } from './profiles';

/**
 * The hardware around the PBX: phone firmware and templates, the SBCs of remote sites, an analogue gateway, SIP
 * door phones, and the carriers' trunk templates. Models, firmware and templates match what the phones report.
 */

const PBX_LAN = '192.168.10.5';

function mac(prefix: string, rng: Prng): string {
  const bytes = [prefix];
  for (let i = 0; i < 3; i++) bytes.push(rng.int(0, 255).toString(16).padStart(2, '0'));
  return bytes.join(':');
}

/** One firmware file per phone model in use, at the version those phones run. */
export function firmwares(): Row[] {
  return PHONE_MODELS.map(([model]) => {
    const [vendor, name] = model.split(' ') as [string, string];
    const version = firmwareOf(model);
    return fill('Firmware', {
      Id: `${vendor.toLowerCase()}-${name.toLowerCase()}-${version}`,
      Vendor: vendor,
      Model: name,
      Version: version,
      Filename: `${name}-${version}.rom`,
    });
  });
}

export function phoneTemplates(profile: PbxProfile): Row[] {
  return PHONE_MODELS.map(([model, template]) => {
    const [vendor, name] = model.split(' ') as [string, string];
    return fill('PhoneTemplate', {
      Id: template,
      TemplateType: 'Preferred',
      IsCustom: false,
      AddAllowed: true,
      HotdeskingAllowed: true,
      RpsEnabled: true,
      XferTypeEnabled: true,
      AllowSSLProvisioning: true,
      AllowedNetConfigs: ['LocalLan', 'RemoteExtSipProxyMgr', 'SBC'],
      BacklightTimeouts: ['Always on', '1 min', '5 min', '30 min'],
      ScreenSaverTimeouts: ['Off', '5 min', '30 min'],
      PowerLedSettings: ['Off', 'On'],
      Codecs: ['G722', 'PCMA', 'PCMU', 'G729', 'OPUS'],
      DateFormats: ['DD/MM/YYYY', 'MM/DD/YYYY', 'YYYY-MM-DD'],
      TimeFormats: ['24 hour', '12 hour'],
      Languages: ['English', 'German', 'Spanish', 'French', 'Italian'],
      TimeZones: [profile.timeZone],
      RingTones: ['Ring1.wav', 'Ring2.wav', 'Ring3.wav'],
      QueueRingTones: ['Ring4.wav', 'Ring5.wav'],
      DefaultQueueRingTone: 'Ring4.wav',
      MaxQueueCustomRingtones: 3,
      Content: '',
      URL: `https://www.${vendor.toLowerCase()}.com/`,
      Models: [
        fill('PhoneModel', {
          Name: name,
          UserAgent: `${vendor} ${name}`,
          URL: `https://www.${vendor.toLowerCase()}.com/`,
          AddAllowed: true,
          CanBeSBC: false,
        }),
      ],
    });
  });
}

export function fxsTemplates(profile: PbxProfile): Row[] {
  const rows: ReadonlyArray<[string, string, string, 'Fxs' | 'Dect', number]> = [
    ['grandstreamHT8xx.fxs.xml', 'Grandstream', 'HT814', 'Fxs', 4],
    ['yealinkW80.dect.xml', 'Yealink', 'W80DM', 'Dect', 100],
  ];
  return rows.map(([Id, Brand, model, DeviceType, NumberOfExtensions]) =>
    fill('FxsTemplate', {
      Id,
      Brand,
      DeviceType,
      NumberOfExtensions,
      TemplateType: 'Preferred',
      IsCustom: false,
      RpsEnabled: true,
      AllowSSLProvisioning: true,
      AllowedNetConfigs: ['LocalLan', 'SBC'],
      Languages: ['English', 'German', 'Spanish'],
      TimeZones: [profile.timeZone],
      Content: '',
      URL: `https://www.${Brand.toLowerCase()}.com/`,
      Models: [
        fill('FxsModel', {
          DisplayName: `${Brand} ${model}`,
          UserAgent: `${Brand} ${model}`,
          CanBeSBC: false,
        }),
      ],
    }),
  );
}

/** The analogue gateway in the warehouse: its lines are the extensions of the last users (loading bay phones). */
export function fxs(profile: PbxProfile, users: Row[], template: Row | undefined, rng: Prng): Row[] {
  const address = mac('c0:74:ad', rng);
  const lines = users
    .slice(-2)
    .map((u, k) => fill('DeviceLine', { Key: k + 1, Number: u.Number, Name: u.DisplayName }));
  const bare = address.replace(/:/g, '');
  const key = secretText(rng, 12);
  return [
    fill('Fxs', {
      MacAddress: address,
      Name: 'Warehouse analogue gateway',
      Brand: 'Grandstream',
      Model: 'HT814',
      ModelName: 'Grandstream HT814',
      FxsLineCount: 4,
      FxsLines: lines,
      Codecs: ['PCMA', 'PCMU', 'G722'],
      Group: 'DEFAULT',
      Language: profile.countryCode === 'DE' ? 'DE' : profile.countryCode === 'ES' ? 'ES' : 'EN',
      TimeZone: profile.timeZone,
      Password: secretText(rng, 12),
      Secret: secretText(rng, 16),
      Variables: [],
      Provisioning: fill('FxsProvisioning', {
        Method: 'LocalLan',
        LocalInterface: PBX_LAN,
        LocalSipPort: 5060,
        LocalAudioPortStart: 9000,
        LocalAudioPortEnd: 9100,
        ProvLink: `http://${PBX_LAN}:5000/provisioning/${key}/${bare}.cfg`,
        RemoteFQDN: '',
        RemotePort: 5060,
        SbcName: '',
      }),
      Registered: fill('RegistrarFxs', { MacAddress: address, InterfaceLink: 'http://192.168.10.40/' }),
      Template: template ? { ...template } : null,
    }),
  ];
}

/** SIP door phones and a paging adapter, each an extension of its own among the last users. */
export function sipDevices(users: Row[], rng: Prng): Row[] {
  const kinds: ReadonlyArray<[string, string, string, string]> = [
    ['Akuvox', 'R20A', '20.30.10.116', '0c:11:05'],
    ['Algo', '8301', '5.3.4', '00:22:ee'],
  ];
  const owners = users.slice(-4, -2);
  return kinds.map(([vendor, model, firmware, oui], i) => {
    const address = mac(oui, rng);
    const ip = `192.168.10.${60 + i}`;
    const owner = owners[i] ?? users[0];
    return fill('SipDevice', {
      Id: i + 1,
      PhoneWebPassword: secretText(rng, 10),
      ProvLink: `http://${PBX_LAN}:5000/provisioning/${secretText(rng, 12)}/${address.replace(/:/g, '')}.cfg`,
      Registrar: fill('PhoneRegistrar', {
        Vendor: vendor,
        Model: model,
        FirmwareVersion: firmware,
        FirmwareAvailable: '',
        MAC: address,
        IpAddress: ip,
        InterfaceLink: `http://${ip}/`,
        UserAgent: `${vendor} ${model} ${firmware}`,
        Capabilities: 0,
      }),
      DN: owner
        ? fill('Peer', {
            Id: owner.Id,
            Number: owner.Number,
            Name: owner.DisplayName,
            Type: 'Extension',
            MemberOf: [],
          })
        : null,
    });
  });
}

/** The SBCs of remote sites: the warehouse's up, the showroom's down since last night. */
export function sbcs(profile: PbxProfile, rng: Prng): Row[] {
  const sites: ReadonlyArray<[string, string, boolean, number]> = [
    ['Warehouse', '192.168.20.2', true, 6],
    ['Showroom', '192.168.30.2', false, 0],
  ];
  return sites.map(([name, lan, up, phones], i) =>
    fill('Sbc', {
      Name: name,
      DisplayName: `${name} SBC`,
      Group: 'DEFAULT',
      LocalIPv4: lan,
      PublicIP: `198.51.100.${23 + i}`,
      Version: '20.0.1026',
      Security: 'TLS',
      AudioPort: 9000,
      LogLevel: 'Low',
      LogSize: 10,
      PassiveServer: '',
      PassiveServerIsEnabled: false,
      Password: secretText(rng, 16),
      PhoneMAC: '',
      PhoneUserId: 0,
      ProvisionLink: `https://${profile.fqdn}/sbc/${secretText(rng, 12)}`,
      HasConnection: up,
      Connection: fill('XSBCConnection', {
        Up: up,
        UdpActive: up,
        Calls: up ? 1 : 0,
        RegisteredPhones: phones,
        Latency: up ? rng.int(12, 30) : 0,
        Cpu: up ? `${rng.int(2, 9)}%` : '0%',
        Memory: up ? `${rng.int(25, 45)}%` : '0%',
        Disk: up ? `${rng.int(15, 35)}%` : '0%',
        // Connected since it last restarted, a few weeks ago.
        ElapsedTime: up ? isoDuration(rng.int(9, 40) * 86_400 + rng.int(0, 86_399)) : 'PT0S',
      }),
    }),
  );
}

/** One template per carrier the trunks use, under the file name their gateways name. */
export function trunkTemplates(profile: PbxProfile, trunks: Row[]): Row[] {
  return trunks.map((trunk, i) => {
    const gateway = trunk.Gateway as Row;
    const carrier = profile.carriers[i] ?? profile.carriers[0];
    return fill('TrunkTemplate', {
      Id: String(gateway.TemplateFilename),
      Name: carrier.name,
      Description: `${carrier.name} for ${profile.countryName}`,
      Countries: [profile.countryCode],
      DefaultProxyPort: 5060,
      DefaultRegistrarPort: 5060,
      Editors: ['Voip'],
      IsCustom: false,
      AddAllowed: true,
      TemplateType: i === 0 ? 'Preferred' : 'Supported',
      Tags: [],
      Content: '',
      Url: `https://${carrier.host}/`,
      MessagingTemplate: fill('TrunkMessagingTemplate', {
        MessagingVariables: [],
        Optional: true,
        Outbound: false,
        Provider: '',
        Type: '',
      }),
    });
  });
}
