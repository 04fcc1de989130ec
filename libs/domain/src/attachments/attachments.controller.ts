import {
  Controller,
  Delete,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiParam, ApiTags } from '@nestjs/swagger';
import { AcceptsBody, AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import { AttachmentsService, Download } from './attachments.service';
import { AttachmentDto, AttachmentListQuery, AttachmentPageDto } from './dto/attachment.dto';

// The kinds registered today (core-owners.ts, engagement-owners.ts); documented as an enum so a client knows them.
const OWNER_KINDS = [
  'incidents',
  'incident-updates',
  'meetings',
  'agreement-versions',
  'non-compliance',
  'recommendation-progress',
  'training-sessions',
  'equipment-requests',
  'equipment-monitoring',
];

const OWNER_PARAM = {
  name: 'ownerKind',
  enum: OWNER_KINDS,
  description:
    'What the file hangs on: incidents, incident-updates, meetings (minutes), agreement-versions, non-compliance, recommendation-progress, training-sessions, equipment-requests, equipment-monitoring (a monitoring entry of an equipment request) (more kinds may be registered; docs/files.md)',
};

@ApiTags('attachments')
@Controller(':ownerKind/:ownerId/attachments')
export class OwnerAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @AcceptsBody('multipart/form-data')
  @ApiParam(OWNER_PARAM)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  // The body is read from the request stream (not @Body), so 413/415 are listed here.
  @Endpoint({
    summary:
      'Attach one file (multipart field "file"): type sniffed from the bytes (415 outside the allow-list), over FILE_MAX_BYTES → 413, metadata removed before storage',
    status: 201,
    type: AttachmentDto,
    errors: [403, 409, 413, 415, 503],
  })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('ownerKind') ownerKind: string,
    @Param('ownerId', new UuidParam('Resource')) ownerId: string,
    @Req() req: Request,
  ): Promise<AttachmentDto> {
    return this.attachments.upload(user.id, ownerKind, ownerId, req);
  }

  @Get()
  @ApiParam(OWNER_PARAM)
  @Endpoint({
    summary: 'The files on this object, oldest first (as visible as the object)',
    type: AttachmentPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('ownerKind') ownerKind: string,
    @Param('ownerId', new UuidParam('Resource')) ownerId: string,
    @Query() q: AttachmentListQuery,
  ): Promise<AttachmentPageDto> {
    return this.attachments.list(user.id, ownerKind, ownerId, q);
  }
}

@ApiTags('attachments')
@Controller('attachments/:attachmentId')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get()
  @Endpoint({
    summary: 'Download the file (Content-Disposition: attachment, nosniff)',
    returns: 'The stored bytes',
    content: { 'application/octet-stream': { type: 'string', format: 'binary' } },
    errors: [503],
  })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.attachments.download(user.id, id, 'file'));
  }

  @Get('thumbnail')
  @Endpoint({
    summary: 'A small WebP preview of an image attachment (404 for other files)',
    returns: 'WebP, at most 320×320',
    content: { 'image/webp': { type: 'string', format: 'binary' } },
    errors: [503],
  })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.attachments.download(user.id, id, 'thumbnail'), 'inline');
  }

  @Get('info')
  @Endpoint({ summary: 'The attachment record (as visible as its owner)', type: AttachmentDto })
  info(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
  ): Promise<AttachmentDto> {
    return this.attachments.get(user.id, id);
  }

  @Delete()
  @Endpoint({
    summary: 'Delete a file (its uploader or the editors of what it hangs on)',
    status: 204,
    errors: [403, 409],
  })
  async delete(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
  ): Promise<void> {
    await this.attachments.delete(user.id, id);
  }
}

// Never rendered by the browser as a page: a download with the type we sniffed, no sniffing of
// ours, and a sandbox should it be opened anyway.
function send(
  res: Response,
  file: Download,
  disposition: 'attachment' | 'inline' = 'attachment',
): StreamableFile {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', "default-src 'none'; sandbox");
  res.setHeader('Cache-Control', 'private, no-store');
  return new StreamableFile(file.stream, {
    type: file.contentType,
    disposition: contentDisposition(file.fileName, { type: disposition }),
    length: file.size,
  });
}
