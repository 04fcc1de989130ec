import type { Readable } from 'node:stream';

// Where attachment bytes live. Keys are ours (`<groupId>/<attachmentId>[.thumb]`), never a client's.
export interface FileStorage {
  readonly kind: 'filesystem' | 's3';
  put(key: string, bytes: Buffer, contentType: string): Promise<void>;
  get(key: string): Promise<Readable>;
  // Deleting a missing object is not an error.
  delete(key: string): Promise<void>;
}

export const FILE_STORAGE = Symbol('FILE_STORAGE');

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}(\.thumb)?$/;

export function assertStorageKey(key: string): void {
  if (!KEY.test(key)) throw new Error(`not a storage key: ${key}`);
}
