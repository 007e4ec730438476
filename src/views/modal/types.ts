/** What a form carries through Slack and back in `private_metadata`. */
export interface ModalMetadata {
  /** Operation key, `LicenseStatus.EditLicenseInfo`. */
  op: string;
  channel: string;
  requestId: string;
  pbx: string;
  /** Path and function parameters already given on the command line, e.g. `{ Name: 'x' }`; the form skips them. */
  args: Record<string, string>;
  /**
   * On the "More fields" page only: what the first page held when it was pushed, by block id (a typed text or the
   * values picked). The person's own input, checked again at submission like any field, so it is not sealed.
   */
  carried?: Record<string, string | string[]>;
  /**
   * On a form prefilled with the object's current values: a short hash per body field of what its input showed
   * (src/views/modal/prefill.ts). Sealed with the rest, so the submission's comparison starts from what the bot
   * showed; the submission sends only the fields whose value differs.
   */
  prefill?: string;
  /** Set by the listener layer: proves the fields above were issued by the bot, for this user. */
  seal?: string;
}

/**
 * What a curated command may change about a generated form. Fields are named by their body path
 * (`licenseParams.Email`, `Value`) or, for a path parameter, `param:<name>` (`param:Name`), so a body field and a
 * parameter of the same name stay apart. A field's block id (`body:Value`) is accepted too.
 */
export interface ModalOverrides {
  /** At most 24 characters are shown. */
  title?: string;
  submit?: string;
  labels?: Record<string, string>;
  /** These fields first, in this order; the rest follow in the catalogue's order. */
  order?: string[];
  /** Not shown; a group's path (`licenseParams`) hides all its fields. */
  hidden?: string[];
  /** Choices for a text field (a single select) or a list of text (a multi select), e.g. the PBX's service names. */
  options?: Record<string, string[]>;
  /** Prefilled values. */
  initial?: Record<string, unknown>;
  /**
   * What a prefilled picker shows for its value, by field key and value (`PrimaryGroupId` → `3` → `Sales`): an
   * external select shows its initial option by that option's text, and Slack cannot ask for it.
   */
  optionLabels?: Record<string, Record<string, string>>;
  /** A paragraph above the inputs. */
  intro?: string;
}
