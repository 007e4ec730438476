import { createHmac, timingSafeEqual } from 'node:crypto';
import type { ModalMetadata } from '../views/modal';

/**
 * A form's `private_metadata` names the operation, channel, PBX and arguments its submission runs with, and Slack
 * hands it back as given. So it is sealed: an HMAC over those values, keyed from a secret only the bot holds.
 * Metadata that was altered or never issued by the bot fails the check. Who submits is not part of the seal: the
 * submitter's own permission is checked again at submission. Nothing is kept server-side, so a form survives a
 * restart and works on any replica.
 */
export class FormSeal {
  private readonly key: Buffer;

  constructor(secret: string) {
    if (!secret) throw new Error('The form seal needs a non-empty secret.');
    this.key = createHmac('sha256', secret).update('3cx-slack form seal v1').digest();
  }

  seal(meta: ModalMetadata): string {
    return createHmac('sha256', this.key).update(sealedText(meta)).digest('base64url');
  }

  verify(meta: ModalMetadata): boolean {
    if (!meta.seal) return false;
    const given = Buffer.from(meta.seal);
    const expected = Buffer.from(this.seal(meta));
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

function sealedText(meta: ModalMetadata): string {
  const args = Object.entries(meta.args).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const sealed: unknown[] = [meta.op, meta.channel, meta.requestId, meta.pbx, args];
  // A prefilled form's hashes of what it showed decide which fields are sent: the bot's, like the rest. Only
  // present on such forms, so every other seal (forms, confirmation buttons) reads as before.
  if (meta.prefill !== undefined) sealed.push(meta.prefill);
  return JSON.stringify(sealed);
}
