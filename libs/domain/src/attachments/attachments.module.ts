import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@roundtable/core';
import { join } from 'node:path';
import { AttachmentsController, OwnerAttachmentsController } from './attachments.controller';
import { AttachmentsService } from './attachments.service';
import type { AttachmentOwner } from './owners/attachment-owner';
import { AttachmentOwnerRegistry } from './owners/attachment-owner.registry';
import { CORE_ATTACHMENT_OWNERS } from './owners/core-owners';
import { ENGAGEMENT_ATTACHMENT_OWNERS } from './owners/engagement-owners';
import { FILE_STORAGE, FileStorage } from './storage/file-storage';
import { LocalFileStorage } from './storage/local-file-storage';
import { S3FileStorage } from './storage/s3-file-storage';

// Every kind of object files can hang on. Adding one: an @Injectable() AttachmentOwner class,
// listed here (docs/files.md).
export const ATTACHMENT_OWNERS = [...CORE_ATTACHMENT_OWNERS, ...ENGAGEMENT_ATTACHMENT_OWNERS];

@Module({
  // The generic /:ownerKind/:ownerId/attachments routes last, after the fixed /attachments/:id.
  controllers: [AttachmentsController, OwnerAttachmentsController],
  providers: [
    ...ATTACHMENT_OWNERS,
    {
      provide: AttachmentOwnerRegistry,
      useFactory: (...owners: AttachmentOwner[]) => new AttachmentOwnerRegistry(owners),
      inject: ATTACHMENT_OWNERS,
    },
    {
      provide: FILE_STORAGE,
      useFactory: (config: AppConfig): FileStorage =>
        config.files.s3
          ? new S3FileStorage(config.files.s3)
          : new LocalFileStorage(join(config.files.dataDir, 'attachments')),
      inject: [APP_CONFIG],
    },
    AttachmentsService,
  ],
})
export class AttachmentsModule {}
