/**
 * Forms generated from the catalogue: any operation's parameters and request body as a Slack modal, and the
 * submitted modal read back into arguments and a body. Pure: no Slack calls, no 3CX, no pipeline.
 *
 * Block ids name the fields (`param:Name`, `body:licenseParams.CompanyName`, `advanced_json`) and every element's
 * action id is `value`, so a listener can put validation errors under the right input.
 */
export { buildOperationModal, CALLBACK_ID, shortTitle } from './build';
export { ADVANCED_JSON } from './fields';
export { decodeMetadata, encodeMetadata } from './metadata';
export { noticeModal } from './notice';
export { readSubmission, type Submission } from './submission';
export type { ModalMetadata, ModalOverrides } from './types';
