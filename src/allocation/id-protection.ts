/**
 * ID numbers of applicants are stored encrypted (AES-256-GCM) with an HMAC beside them for
 * equality (one registration per person and round, "already holding" across rounds) and the
 * last four digits for the applicant's own lookup. The key lives in the data directory, not
 * in the database, so a database dump alone does not reveal ID numbers; a deployment with
 * several servers gives each the same file.
 */
import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export const KEY_FILE = 'allocation-id.key';

export class IdProtector {
  private readonly encKey: Buffer;
  private readonly macKey: Buffer;

  constructor(master: Buffer) {
    if (master.length !== 32) throw new Error('allocation ID key must be 32 bytes');
    // separate keys for the two uses, derived from one stored secret
    this.encKey = createHmac('sha256', master).update('xiaozheng allocation id encryption').digest();
    this.macKey = createHmac('sha256', master).update('xiaozheng allocation id hmac').digest();
  }

  /** Reads the key from the data directory, creating it (mode 0600) on first use. */
  static fromDataDir(dataDir: string): IdProtector {
    const file = path.join(dataDir, KEY_FILE);
    if (!fs.existsSync(file)) {
      fs.mkdirSync(dataDir, { recursive: true });
      try {
        fs.writeFileSync(file, randomBytes(32).toString('hex'), { mode: 0o600, flag: 'wx' });
      } catch (err) {
        // another process created it first: use theirs
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
    }
    const hex = fs.readFileSync(file, 'utf8').trim();
    if (!/^[0-9a-f]{64}$/.test(hex)) throw new Error(`${file}: expected 64 hex characters`);
    return new IdProtector(Buffer.from(hex, 'hex'));
  }

  encrypt(idNumber: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.encKey, iv);
    const ct = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64');
  }

  decrypt(stored: string): string {
    const raw = Buffer.from(stored, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.encKey, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }

  hmac(idNumber: string): string {
    return createHmac('sha256', this.macKey).update(idNumber).digest('hex');
  }
}
