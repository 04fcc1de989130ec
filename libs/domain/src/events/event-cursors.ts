import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, AppConfig, BadRequestProblem, resolveJwtSecret } from '@roundtable/core';
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  timingSafeEqual,
} from 'node:crypto';
import { DataSource } from 'typeorm';

// What a client sees of an event's place in its group: nothing it could count. The group's
// `seq` (gapless over all events) and the table's `id` (global bigserial) would show a member a
// hole wherever an event they may not see was recorded, so neither goes on the wire:
//   - `id` is an HMAC of the row id: stable (replay and socket agree, clients dedupe by it),
//     unique, unordered;
//   - `cursor` is one AES-256 block — the seq and a 64-bit tag of the group (an HMAC of its id) —
//     encrypted under a key only the server holds (AES as a keyed permutation of 16 bytes): only
//     the server can read it back (GET /groups/{id}/events?after=<cursor>), cursors of different
//     events look unrelated (no order, no distance), and one of another group, a tampered one or
//     a made-up one fails the tag (a forgery has a 2^-64 chance). It is deterministic — one
//     event, one cursor — which shows no more than its stable `id` does.
// One block with one long-lived cipher costs about a microsecond per event, where a fresh
// AES-GCM context per event cost seven: a replay page has 200. Cursors of the earlier AES-GCM
// form (52 bytes) are still read.
// The key is derived (HKDF) from the access-token secret, which every API instance and worker
// of a deployment shares (JWT_SECRET or the one stored in platform_secrets).
export interface EventCodec {
  id(rowId: string | number): string;
  cursor(groupId: string, seq: number | string): string;
  /** The seq a cursor of this group stands for; 400 for anything else. */
  seq(groupId: string, cursor: string): number;
}

const BLOCK = 16;
const GCM_IV = 12;
const GCM_TAG = 16;
const GCM_LENGTH = GCM_IV + 24 + GCM_TAG;
const TAG_CACHE_LIMIT = 10_000;

export function eventCodec(secret: string): EventCodec {
  const material = Buffer.from(hkdfSync('sha256', secret, 'roundtable', 'group-event-cursor', 96));
  const macKey = createSecretKey(material.subarray(0, 32));
  const encKey = material.subarray(32, 64);
  const groupTagKey = createSecretKey(material.subarray(64));
  // ECB over exactly one block, without padding: each update() is one independent AES
  // permutation of 16 bytes, so one cipher and one decipher serve every call.
  const encrypt = createCipheriv('aes-256-ecb', encKey, null).setAutoPadding(false);
  const decrypt = createDecipheriv('aes-256-ecb', encKey, null).setAutoPadding(false);
  const tags = new Map<string, Buffer>();
  const groupTag = (groupId: string): Buffer => {
    const key = groupId.toLowerCase();
    let tag = tags.get(key);
    if (!tag) {
      if (tags.size >= TAG_CACHE_LIMIT) tags.clear();
      tag = createHmac('sha256', groupTagKey).update(key).digest().subarray(0, 8);
      tags.set(key, tag);
    }
    return tag;
  };
  const refuse = () =>
    new BadRequestProblem('after is not a cursor of this group', [
      { field: 'after', message: 'after must be a cursor from this group’s events (or 0)' },
    ]);
  // The earlier form: group id and seq sealed with AES-256-GCM under a random IV.
  const gcmKey = encKey;
  const gcmSeq = (groupId: string, raw: Buffer): number => {
    const decipher = createDecipheriv('aes-256-gcm', gcmKey, raw.subarray(0, GCM_IV));
    decipher.setAuthTag(raw.subarray(GCM_IV + 24));
    const plain = Buffer.concat([decipher.update(raw.subarray(GCM_IV, GCM_IV + 24)), decipher.final()]);
    if (plain.subarray(0, 16).toString('hex') !== groupId.replace(/-/g, '').toLowerCase()) throw refuse();
    return Number(plain.readBigInt64BE(16));
  };
  return {
    id: (rowId) => createHmac('sha256', macKey).update(`event:${rowId}`).digest('base64url').slice(0, 22),
    cursor: (groupId, seq) => {
      const plain = Buffer.allocUnsafe(BLOCK);
      plain.writeBigInt64BE(BigInt(seq), 0);
      groupTag(groupId).copy(plain, 8);
      return encrypt.update(plain).toString('base64url');
    },
    seq: (groupId, cursor) => {
      const raw = Buffer.from(cursor, 'base64url');
      try {
        if (raw.length === GCM_LENGTH) return gcmSeq(groupId, raw);
        if (raw.length !== BLOCK) throw refuse();
        const plain = decrypt.update(raw);
        if (!timingSafeEqual(plain.subarray(8), groupTag(groupId))) throw refuse();
        const seq = plain.readBigInt64BE(0);
        if (seq < 0n || seq > BigInt(Number.MAX_SAFE_INTEGER)) throw refuse();
        return Number(seq);
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
