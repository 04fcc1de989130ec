import type { S3Client } from '@aws-sdk/client-s3';
import type { Readable } from 'node:stream';
import type { FilesConfig } from '@roundtable/core';
import { assertStorageKey, FileStorage } from './file-storage';

type S3Sdk = typeof import('@aws-sdk/client-s3');

// Any S3-compatible store (AWS, MinIO, Ceph, Garage...). Path-style addressing and checksums
// only where the API requires them, which is what most S3-compatible servers understand.
// The SDK (about 20 MB resident) is loaded only when S3 is configured, on the first use.
export class S3FileStorage implements FileStorage {
  readonly kind = 's3';
  private readonly bucket: string;
  private client?: Promise<{ sdk: S3Sdk; client: S3Client }>;

  constructor(private readonly config: NonNullable<FilesConfig['s3']>) {
    this.bucket = config.bucket;
  }

  private connect(): Promise<{ sdk: S3Sdk; client: S3Client }> {
    this.client ??= import('@aws-sdk/client-s3').then((sdk) => ({
      sdk,
      client: new sdk.S3Client({
        endpoint: this.config.endpoint,
        region: this.config.region,
        forcePathStyle: true,
        credentials: { accessKeyId: this.config.accessKeyId, secretAccessKey: this.config.secretAccessKey },
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      }),
    }));
    return this.client;
  }

  async put(key: string, bytes: Buffer, contentType: string): Promise<void> {
    assertStorageKey(key);
    const { sdk, client } = await this.connect();
    await client.send(
      new sdk.PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType }),
    );
  }

  async get(key: string): Promise<Readable> {
    assertStorageKey(key);
    const { sdk, client } = await this.connect();
    const res = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key: key }));
    return res.Body as Readable;
  }

  async delete(key: string): Promise<void> {
    assertStorageKey(key);
    const { sdk, client } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: key }));
  }

  destroy(): void {
    void this.client?.then(({ client }) => client.destroy());
  }
}
