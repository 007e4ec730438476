import type { z } from 'zod';
import type { ValidationIssue } from './errors';
import { humanize, textListPhrase } from './humanize';

/**
 * Turns zod's issues into sentences. The schemas in this folder write their messages as templates because a schema
 * is shared by every field of its type and only the issue's path says which field this one is:
 *   {label}  the field's name as the catalogue spells it (`enable`, `ServiceNames[2]`)
 *   {Label}  the same, humanized (`License Params`)
 *   {parent} the object holding the field
 *   {list:string}  `a list of names`, worded from the field's name
 */

type Segment = PropertyKey;

export interface IssueRoot {
  /** What the value is called when the problem is with the whole of it: `Request body`, `Id`. */
  label: string;
  /** `field` of an issue about the whole value. */
  field: string;
  /** What an unknown top-level key is "not a field of". */
  parent: string;
  /** Path segments the value sits under: an argument's name. */
  prefix?: Segment[];
}

function pathText(path: Segment[]): string {
  let text = '';
  for (const seg of path) {
    if (typeof seg === 'number') text += `[${seg}]`;
    else text += text ? `.${String(seg)}` : String(seg);
  }
  return text;
}

interface Names {
  label: string;
  name: string;
}

function namesAt(path: Segment[], root: IssueRoot): Names {
  let name = root.label;
  let label = root.label;
  for (const seg of path) {
    if (typeof seg === 'number') label = `${label}[${seg}]`;
    else {
      name = String(seg);
      label = name;
    }
  }
  return { label, name };
}

export function describeIssue(issue: z.core.$ZodIssue, root: IssueRoot): ValidationIssue {
  const path = [...(root.prefix ?? []), ...issue.path];
  const field = path.length > 0 ? pathText(path) : root.field;
  const here = namesAt(path, root);
  const template = issue.message;
  if (!template.includes('{label}') && !template.includes('{Label}')) {
    // Only our own templates reach a person; anything else would be zod's wording.
    return { field, message: `${here.label} is not valid` };
  }
  const parent = path.length > 1 ? namesAt(path.slice(0, -1), root).label : root.parent;
  const message = template
    .replaceAll('{label}', here.label)
    .replaceAll('{Label}', path.length === 0 ? root.label : humanize(here.name))
    .replaceAll('{parent}', parent)
    .replaceAll('{list:string}', textListPhrase(here.name));
  return { field, message };
}

export function describeIssues(error: z.ZodError, root: IssueRoot): ValidationIssue[] {
  return error.issues.map((issue) => describeIssue(issue, root));
}
