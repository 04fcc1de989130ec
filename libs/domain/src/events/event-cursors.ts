import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, BadRequestProblem, resolveJwtSecret } from '@roundtable/core';
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';

// What a client sees of an event's place in its group: nothing it could count. The group's
// `seq` (gapless over all events) and the table's `id` (global bigserial) would show a member a
// hole wherever an event they may not see was recorded, so neither goes on the wire:
//   - `id` is an HMAC of the row id: stable (replay and socket agree, clients dedupe by it),
//     unique, unordered;
//   - `cursor` is the group id and seq sealed with AES-256-GCM under a fresh IV: only the
//     server can read it back (GET /groups/{id}/events?after=<cursor>), and two cursors of one
//     event differ, so they cannot be compared either.
// The key is derived (HKDF) from the access-token secret, which every API instance and worker
// of a deployment shares (JWT_SECRET or the one stored in platform_secrets).
export interface EventCodec {
  id(rowId: string | number): string;
  cursor(groupId: string, seq: number | string): string;
  /** The seq a cursor of this group stands for; 400 for anything else. */
  seq(groupId: string, cursor: string): number;
}

const IV = 12;
const TAG = 16;

export function eventCodec(secret: string): EventCodec {
  const material = Buffer.from(hkdfSync('sha256', secret, 'roundtable', 'group-event-cursor', 64));
  const macKey = material.subarray(0, 32);
  const encKey = material.subarray(32);
  const refuse = () =>
    new BadRequestProblem('after is not a cursor of this group', [
      { field: 'after', message: 'after must be a cursor from this group’s events (or 0)' },
    ]);
  return {
    id: (rowId) => createHmac('sha256', macKey).update(`event:${rowId}`).digest('base64url').slice(0, 22),
    cursor: (groupId, seq) => {
      const plain = Buffer.alloc(24);
      Buffer.from(groupId.replace(/-/g, ''), 'hex').copy(plain, 0);
      plain.writeBigInt64BE(BigInt(seq), 16);
      const iv = randomBytes(IV);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
      return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
    },
    seq: (groupId, cursor) => {
      const raw = Buffer.from(cursor, 'base64url');
      if (raw.length !== IV + 24 + TAG) throw refuse();
      try {
        const decipher = createDecipheriv('aes-256-gcm', encKey, raw.subarray(0, IV));
        decipher.setAuthTag(raw.subarray(IV + 24));
        const plain = Buffer.concat([decipher.update(raw.subarray(IV, IV + 24)), decipher.final()]);
        if (plain.subarray(0, 16).toString('hex') !== groupId.replace(/-/g, '').toLowerCase()) throw refuse();
        return Number(plain.readBigInt64BE(16));
      } catch {
        throw refuse();
      }
    },
  };
}

@Injectable()
export class EventCursors {
  private codec?: Promise<EventCodec>;

  constructor(
    private readonly ds: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  get(): Promise<EventCodec> {
    this.codec ??= resolveJwtSecret(this.config, this.ds).then(eventCodec);
    return this.codec;
  }
}
