import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertStorageKey, FileStorage } from './file-storage';

// DATA_DIR/attachments/<groupId>/<attachmentId>: written to a temporary name and renamed, so a
// reader never sees half a file.
export class LocalFileStorage implements FileStorage {
  readonly kind = 'filesystem';

  constructor(private readonly root: string) {}

  private path(key: string): string {
    assertStorageKey(key);
    return join(this.root, key);
  }

  async put(key: string, bytes: Buffer): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const tmp = `${path}.${randomUUID()}.part`;
    await writeFile(tmp, bytes, { mode: 0o600 });
    await rename(tmp, path);
  }

  async get(key: string): Promise<Readable> {
    const stream = createReadStream(this.path(key));
    // Surface a missing file before the response starts.
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve());
      stream.once('error', reject);
    });
    return stream;
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}
