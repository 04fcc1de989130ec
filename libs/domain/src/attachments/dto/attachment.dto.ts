import { ApiProperty } from '@nestjs/swagger';
import { PageQuery } from '@roundtable/core';

export class AttachmentDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ description: 'The owner kind, e.g. incidents' }) ownerKind!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ description: 'Sanitised; its extension matches the sniffed type' }) fileName!: string;
  @ApiProperty({ description: 'Sniffed from the bytes, never the client’s claim' }) contentType!: string;
  @ApiProperty({ description: 'Bytes as stored (after metadata removal)' }) size!: number;
  @ApiProperty({ description: 'SHA-256 of the stored bytes, hex' }) sha256!: string;
  @ApiProperty({
    type: [String],
    description:
      'What was removed before storage: exif, xmp, iptc, icc, pdf-info, pdf-xmp, office-properties, embedded-image-metadata, id3',
  })
  metadataRemoved!: string[];
  @ApiProperty({ nullable: true, type: String, description: 'GET path of a small WebP preview (images)' })
  thumbnailUrl!: string | null;
  @ApiProperty({ description: 'GET path of the file' }) downloadUrl!: string;
  @ApiProperty({ description: 'The caller may delete it (its uploader or the owner’s editors)' })
  canDelete!: boolean;
  @ApiProperty({
    format: 'uuid',
    type: String,
    nullable: true,
    description: 'Null when naming the uploader would name the reporter of an anonymous report',
  })
  uploadedBy!: string | null;
  @ApiProperty() createdAt!: string;
}

export class AttachmentPageDto {
  @ApiProperty({ type: [AttachmentDto] }) items!: AttachmentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class AttachmentListQuery extends PageQuery {}
