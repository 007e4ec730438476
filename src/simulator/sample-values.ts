import type { OperationCatalogue, TypeNode } from '../api/catalogue';

/**
 * Deterministic, plausible values for catalogue types, for the operations the simulator has no state behind.
 * Text is chosen by the property's name (an email where it says Email, an address where it says Ip, a version
 * where it says Version…), then by its format; enums answer their first member, integers 1 within their range,
 * lists hold one item. Named types nest at most REF_DEPTH deep and never inside themselves, so recursive types
 * stay finite.
 */

export const SAMPLE_DATE_TIME = '2025-01-15T09:30:00Z';
export const SAMPLE_UUID = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const REF_DEPTH = 3;

const DOMAIN = 'example.com';
const FQDN = `pbx.${DOMAIN}`;

/** [pattern on the property name, value]; the first match wins, so the narrower patterns come first. */
const BY_NAME: ReadonlyArray<[RegExp, string]> = [
  [/e-?mail/i, `alex.morgan@${DOMAIN}`],
  [/^(fqdn|domain|hostname|host|proxyhost|registrar|server|sbc|outboundproxy|secondaryregistrar)$/i, FQDN],
  [/(url|uri|link|endpoint|webhook)$/i, `https://${FQDN}/`],
  [/mac(address)?$/i, '00:15:65:3a:7c:21'],
  [/(^|[a-z])(ip|ipv4|ipaddress|localip|publicip|address|addr)$/i, '192.168.1.20'],
  [/ipv6$/i, 'fe80::215:65ff:fe3a:7c21'],
  [/version$/i, '20.0.10.523'],
  [/(password|secret|passwd|pwd)$/i, 'Wq7#pX2m!rT9'],
  [/(pin|vmpin)$/i, '4829'],
  [/^firstname$/i, 'Alex'],
  [/^lastname$/i, 'Morgan'],
  [/(displayname|membername|contactname|username|fullname|agentname)$/i, 'Alex Morgan'],
  [
    /(mobile|phone|telephone|fax|callerid|externalnumber|did|business|home|pager|phonenumber|external)\d?$/i,
    '+442079460958',
  ],
  [/(language|lang)$/i, 'EN'],
  [/timezone(id)?$/i, 'Europe/London'],
  [/countrycode$/i, 'GB'],
  [/country(name)?$/i, 'United Kingdom'],
  [/companyname$/i, 'Example Ltd'],
  [/(number|dn|extension|ext)$/i, '100'],
  [/(filename|file|prompt|greeting|moh|musiconhold|sound|introfile)$/i, 'welcome.wav'],
  [/(folder|path|directory)$/i, '/var/lib/3cxpbx/Instance1/Data'],
  [/(authid|sipid|login|account)$/i, '100'],
  [/(licensekey|key)$/i, 'A1B2-C3D4-E5F6-G7H8'],
  [/(token|code)$/i, '7f3c9a1e5b'],
  [/(id|guid)$/i, '1'],
  [/(description|comment|note|notes|message|text|summary|reason)$/i, 'Set up by the administrator'],
  [/(port)$/i, '5060'],
  [/(date|time|timestamp)$/i, SAMPLE_DATE_TIME],
  [/(name|title)$/i, 'Main office'],
];

function byFormat(format: string | undefined): string | undefined {
  switch (format) {
    case 'date-time':
      return SAMPLE_DATE_TIME;
    case 'date':
      return SAMPLE_DATE_TIME.slice(0, 10);
    case 'uuid':
      return SAMPLE_UUID;
    case 'duration':
      return 'PT2M30S';
    case 'time':
      return '09:30:00';
    case 'byte':
      return 'M0NYIFBob25lIFN5c3RlbQ==';
    default:
      return undefined;
  }
}

/** `OfficeHoursDestination` → `Office hours destination`: words of the name, for text nothing better fits. */
function words(name: string): string {
  const spaced = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .trim()
    .toLowerCase();
  return spaced ? spaced.charAt(0).toUpperCase() + spaced.slice(1) : 'Main office';
}

function clip(text: string, maxLength: number | undefined): string {
  return maxLength === undefined ? text : text.slice(0, maxLength);
}

function plausibleString(node: Extract<TypeNode, { kind: 'string' }>, name: string | undefined): string {
  if (node.enum && node.enum.length > 0) return node.enum[0] as string;
  const formatted = byFormat(node.format);
  if (formatted !== undefined) return formatted;
  if (name)
    for (const [pattern, value] of BY_NAME) if (pattern.test(name)) return clip(value, node.maxLength);
  return clip(name ? words(name) : 'Main office', node.maxLength);
}

function plausibleInteger(node: Extract<TypeNode, { kind: 'integer' }>, name: string | undefined): number {
  const low = node.minimum ?? Number.NEGATIVE_INFINITY;
  const high = node.maximum ?? Number.POSITIVE_INFINITY;
  let wanted = 1;
  if (name && /port$/i.test(name)) wanted = 5060;
  else if (name && /(timeout|time|interval|duration|seconds)$/i.test(name)) wanted = 20;
  return Math.min(Math.max(wanted, low), high);
}

export function sampleValue(
  catalogue: OperationCatalogue,
  node: TypeNode,
  refs: readonly string[] = [],
  name?: string,
): unknown {
  if (node.kind === 'ref') {
    if (refs.includes(node.name) || refs.length >= REF_DEPTH)
      return node.nullable ? null : emptyOf(catalogue, node, name);
    return sampleValue(catalogue, catalogue.resolve(node), [...refs, node.name], name);
  }
  switch (node.kind) {
    case 'string':
      return plausibleString(node, name);
    case 'integer':
      return plausibleInteger(node, name);
    case 'number':
      return 1;
    case 'boolean':
      return false;
    case 'array': {
      const { items } = node;
      if (items.kind === 'ref' && (refs.includes(items.name) || refs.length >= REF_DEPTH)) return [];
      const item = sampleValue(catalogue, items, refs, name);
      return item === null || item === undefined ? [] : [item];
    }
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [prop, propNode] of Object.entries(node.properties))
        out[prop] = sampleValue(catalogue, propNode, refs, prop);
      return out;
    }
    case 'any':
      return null;
  }
}

/** What stands in for a named type too deep to expand: the empty value of its shape. */
function emptyOf(catalogue: OperationCatalogue, node: TypeNode, name: string | undefined): unknown {
  const resolved = catalogue.resolve(node);
  switch (resolved.kind) {
    case 'object':
      return {};
    case 'array':
      return [];
    default:
      return sampleValue(catalogue, resolved, [], name);
  }
}

/** A second value, distinguishable from the first where the type has an integer Id or a text Name. */
export function secondSample(first: unknown): unknown {
  if (first === null || typeof first !== 'object' || Array.isArray(first)) return first;
  const copy: Record<string, unknown> = { ...(first as Record<string, unknown>) };
  if (typeof copy.Id === 'number') copy.Id = copy.Id + 1;
  if (typeof copy.Name === 'string') copy.Name = `${copy.Name} 2`;
  return copy;
}

const byName = new WeakMap<OperationCatalogue, Map<string, unknown>>();

/** The value of a named type, built once per catalogue. Callers copy before changing it. */
export function sampleOf(catalogue: OperationCatalogue, name: string): unknown {
  let cache = byName.get(catalogue);
  if (!cache) {
    cache = new Map();
    byName.set(catalogue, cache);
  }
  if (!cache.has(name)) cache.set(name, sampleValue(catalogue, { kind: 'ref', name }));
  return cache.get(name);
}
