import { humanValue } from './values';

/** A write's changed fields, each before → after, as the channel confirmation shows them. */
export interface FieldChange {
  field: string;
  before?: unknown;
  after: unknown;
}

const MAX_VALUE = 120;

function short(value: unknown, secret: boolean, enumLike: boolean): string {
  if (secret) return '••••';
  const text = humanValue(value, enumLike);
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE - 1)}…` : text;
}

/** `EmailAddress: pavel@old.example → pavel@new.example`; a field never shown before reads `→ value`. */
export function changeLine(
  change: FieldChange,
  isSecret: (field: string) => boolean,
  isEnum: (field: string) => boolean = () => false,
): string {
  const secret = isSecret(change.field);
  const enumLike = isEnum(change.field);
  const after = short(change.after, secret, enumLike);
  if (change.before === undefined) return `${change.field} → ${after}`;
  return `${change.field}: ${short(change.before, secret, enumLike)} → ${after}`;
}

export function changesOf(
  before: Record<string, unknown> | undefined,
  after: Record<string, unknown>,
): FieldChange[] {
  return Object.entries(after).map(([field, value]) => {
    const change: FieldChange = { field, after: value };
    if (before && field in before) change.before = before[field];
    return change;
  });
}
