import type { CuratedCommand } from '../grammar/intent';
import { flagsOf, pairsToArgs, wrapBody } from '../grammar/intent';

const EDIT = 'LicenseStatus.EditLicenseInfo';

export const license: CuratedCommand = {
  name: 'license',
  operations: [EDIT, 'LicenseStatus.GetLicenseStatus'],
  usage: ['license', 'license edit', 'license edit {"CompanyName":"Acme", …}'],
  example: 'license edit {"CompanyName":"Acme Ltd","Email":"it@acme.example"}',
  summary: 'show the licence, or edit its contact details',
  parse: (tokens, rest) => {
    const verb = rest[0]?.toLowerCase();
    if (verb === undefined && tokens.json === undefined) {
      return {
        kind: 'run',
        key: 'LicenseStatus.GetLicenseStatus',
        args: pairsToArgs(tokens),
        flags: flagsOf(tokens),
      };
    }
    if (verb !== undefined && verb !== 'edit') {
      return {
        kind: 'error',
        message: `license knows only edit (got "${verb}"). Example: /3cx license edit`,
      };
    }
    if (tokens.json === undefined) {
      return {
        kind: 'modal',
        key: EDIT,
        args: {},
        overrides: {
          title: 'Edit licence info',
          labels: {
            'licenseParams.CompanyName': 'Company name',
            'licenseParams.ContactName': 'Contact',
            'licenseParams.Country': 'Country',
            'licenseParams.Email': 'Email',
            'licenseParams.Phone': 'Phone',
          },
        },
      };
    }
    return {
      kind: 'run',
      key: EDIT,
      args: {},
      body: wrapBody(tokens.json, 'licenseParams'),
      flags: flagsOf(tokens),
    };
  },
};
