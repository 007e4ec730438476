import type { ModalView } from '@slack/types';
import type { SlackMessage } from '../replies/blocks';
import { shortTitle } from './build';
import { MODAL_LIMITS, plain } from './elements';

/**
 * A form that cannot be used after all (the person may not run it, say), replaced in place by the reason: the
 * modal had to open before the check, because a trigger_id lives only 3 s.
 */
export function noticeModal(title: string, reason: SlackMessage): ModalView {
  return {
    type: 'modal',
    title: plain(shortTitle(title), MODAL_LIMITS.title),
    close: plain('Close', MODAL_LIMITS.button),
    blocks: reason.blocks.slice(0, MODAL_LIMITS.blocks),
  };
}
