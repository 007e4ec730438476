/**
 * Wording helpers: field labels a person recognises and short descriptions of what they sent.
 */

/** `licenseParams` -> `License Params`, `MCURequestStatus` -> `MCU Request Status`; `$top` stays as typed. */
export function humanize(name: string): string {
  // OData system options and header names are spelled this way in the documentation people read.
  if (!/^[A-Za-z]/.test(name) || name.includes('-')) return name;
  const spaced = name
    .replace(/_+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

const MAX_SHOWN = 60;

/** What was received, as it would read after "got": `"12a"`, `5`, `null`, `an array`. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

/**
 * What a list of text should be called for a field: `ServiceNames` -> `a list of names`. Only a plural last word
 * says what the items are; anything else would read wrongly, so it falls back to a neutral phrase.
 */
export function textListPhrase(fieldName: string): string {
  const words = humanize(fieldName).split(' ');
  const last = words[words.length - 1] ?? '';
  // "Address" and "Status" end in s without being plurals.
  if (/^[A-Za-z]+[^siu]s$/i.test(last)) return `a list of ${last.toLowerCase()}`;
  return 'a list of text values';
}
