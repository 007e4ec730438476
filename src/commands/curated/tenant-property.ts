import type { CuratedCommand, Intent, OutputFlags } from '../grammar/intent';
import { flagsOf, pairsToArgs } from '../grammar/intent';

const UPDATE = 'TenantProperties.UpdateProperty';
const overrides = {
  title: 'Tenant property',
  labels: {
    'param:Name': 'Name',
    Name: 'Name (again, as stored)',
    Value: 'Value',
    Description: 'Description',
  },
  order: ['Value', 'Description'],
  hidden: ['Name'],
};

export const tenantProperty: CuratedCommand = {
  name: 'tenant-property',
  operations: [UPDATE, 'TenantProperties.ListProperty', 'TenantProperties.GetProperty'],
  usage: [
    'tenant-property set <Name> <Value> [description…]',
    'tenant-property list',
    'tenant-property get <Name>',
  ],
  example: 'tenant-property set SupportLevel gold "Contract tier"',
  summary: 'read or change a tenant property',
  parse: (tokens, rest) => {
    const [verb, name, value, ...description] = rest;
    const flags = flagsOf(tokens);
    switch (verb?.toLowerCase()) {
      case 'list':
        return { kind: 'run', key: 'TenantProperties.ListProperty', args: pairsToArgs(tokens), flags };
      case 'get':
        if (!name)
          return {
            kind: 'error',
            message: 'tenant-property get needs a name. Example: /3cx tenant-property get SupportLevel',
          };
        return {
          kind: 'run',
          key: 'TenantProperties.GetProperty',
          args: { ...pairsToArgs(tokens), Name: name },
          flags,
        };
      case undefined:
      case 'set': {
        // Name, value and description are free text: `a=b` there is part of them, not a parameter.
        if (tokens.text[1]?.toLowerCase() === 'set') {
          const [, , freeName, freeValue, ...freeDescription] = tokens.text;
          return setProperty(freeName, freeValue, freeDescription, flags);
        }
        return setProperty(name, value, description, flags);
      }
      default:
        return {
          kind: 'error',
          message: `tenant-property knows set, get and list (got "${verb}"). Example: /3cx tenant-property set SupportLevel gold`,
        };
    }
  },
};

function setProperty(
  name: string | undefined,
  value: string | undefined,
  description: string[],
  flags: OutputFlags,
): Intent {
  if (!name || value === undefined) {
    const args: Record<string, string> = name ? { Name: name } : {};
    return {
      kind: 'modal',
      key: UPDATE,
      args,
      overrides: { ...overrides, initial: name ? { Name: name } : {} },
    };
  }
  const body: Record<string, string> = { Name: name, Value: value };
  if (description.length > 0) body.Description = description.join(' ');
  return { kind: 'run', key: UPDATE, args: { Name: name }, body, flags };
}
