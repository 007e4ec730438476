import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';

/**
 * Secrets the store keeps (the shared 3CX bearer token, the request of an approval still waiting) are sealed
 * with AES-256-GCM, so read access to the database (a backup, a replica, a SELECT) is not admin access to the PBX.
 * The key is derived with HKDF from a secret the bot already holds and never stores: BOT_STATE_KEY when set, else
 * the 3CX client secret. Every process sharing a database derives the same key from the same secret.
 */

const PREFIX = 'v1:';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Fixed and public: HKDF's salt only separates this use of the secret from any other. */
const SALT = '3cx-slack state at rest';
const INFO = 'aes-256-gcm v1';

export class Sealer {
  private readonly key: Buffer;

  /** `secret` absent: a random key of this process only (nothing it seals can be read by another). */
  constructor(secret?: string) {
    const material = secret === undefined ? randomBytes(32) : Buffer.from(secret, 'utf8');
    this.key = Buffer.from(hkdfSync('sha256', material, SALT, INFO, 32));
  }

  seal(plain: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** The plain text, or undefined when it was sealed with another key or altered. */
  open(sealed: string): string | undefined {
    if (!Sealer.isSealed(sealed)) return undefined;
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < IV_BYTES + TAG_BYTES) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, IV_BYTES));
      decipher.setAuthTag(raw.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
      return Buffer.concat([decipher.update(raw.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return undefined;
    }
  }

  /** Rows written before sealing existed hold plain text. */
  static isSealed(value: string): boolean {
    return value.startsWith(PREFIX);
  }
}
