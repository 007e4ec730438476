/**
 * Which form fields name another object on the PBX, decided by rule from the field's name, never per form. Such a
 * field becomes a picker (`external_select`, or `multi_external_select` for a list) whose options the bot reads
 * from the PBX as the person types (`block_suggestion`).
 */

export interface Reference {
  /** The entity set the options come from (`Users`, `Services`). */
  set: string;
  /** What the option's value holds, as the field wants it. */
  value: 'Id' | 'Number' | 'Name';
}

interface Rule extends Reference {
  /** The field's own name (the last segment of its path, or the path parameter's name). */
  name: RegExp;
}

export const REFERENCE_RULES: Rule[] = [
  { name: /^ServiceNames?$/, set: 'Services', value: 'Name' },
  { name: /^(PrimaryGroupId|GroupId|GroupIds|DepartmentId)$/, set: 'Groups', value: 'Id' },
  { name: /^(UserId|UserIds|ExtensionId)$/, set: 'Users', value: 'Id' },
  {
    name: /^(Extension|ExtensionNumber|ExtensionNumbers|AgentNumber|MemberNumber)$/,
    set: 'Users',
    value: 'Number',
  },
  { name: /^(QueueId|QueueIds)$/, set: 'Queues', value: 'Id' },
  { name: /^(RingGroupId|RingGroupIds)$/, set: 'RingGroups', value: 'Id' },
  { name: /^(ReceptionistId|IvrId|IVRId)$/, set: 'Receptionists', value: 'Id' },
  { name: /^(TrunkId|TrunkIds)$/, set: 'Trunks', value: 'Id' },
  { name: /^(Did|DID|DidNumber)$/, set: 'DidNumbers', value: 'Number' },
];

/** The sets whose own key, in a path like `/Users({Id})`, is picked rather than typed. */
const PICKED_KEYS: Record<string, Reference['value']> = {
  Users: 'Id',
  Groups: 'Id',
  Queues: 'Id',
  RingGroups: 'Id',
  Receptionists: 'Id',
  Trunks: 'Id',
};

/** The reference a body field or a function parameter holds, by its name. */
export function referenceByName(name: string): Reference | undefined {
  const rule = REFERENCE_RULES.find((r) => r.name.test(name));
  return rule ? { set: rule.set, value: rule.value } : undefined;
}

/** The reference of a path parameter: the addressed set's own key, or a parameter named like a reference. */
export function referenceOfParam(path: string, param: string): Reference | undefined {
  const own = new RegExp(`^/(\\w+)\\(\\{${param}\\}\\)`).exec(path)?.[1];
  if (own && PICKED_KEYS[own] === param) return { set: own, value: param as Reference['value'] };
  return referenceByName(param);
}
