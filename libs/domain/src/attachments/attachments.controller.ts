import {
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiConsumes,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiProduces,
  ApiTags,
} from '@nestjs/swagger';
import { AcceptsBody, AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import { create as contentDisposition } from 'content-disposition';
import type { Request, Response } from 'express';
import { AttachmentsService, Download } from './attachments.service';
import { AttachmentDto, AttachmentListQuery, AttachmentPageDto } from './dto/attachment.dto';

const OWNER_PARAM = {
  name: 'ownerKind',
  description:
    'What the file hangs on: incidents, incident-updates, meetings (minutes), agreement-versions, non-compliance, recommendation-progress (more kinds may be registered; docs/files.md)',
};

@ApiTags('attachments')
@ApiBearerAuth()
@Controller(':ownerKind/:ownerId/attachments')
export class OwnerAttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Post()
  @AcceptsBody('multipart/form-data')
  @ApiOperation({
    summary:
      'Attach one file (multipart field "file"): type sniffed from the bytes (415 outside the allow-list), over FILE_MAX_BYTES → 413, metadata removed before storage',
  })
  @ApiParam(OWNER_PARAM)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: { file: { type: 'string', format: 'binary' } },
    },
  })
  @ApiCreatedResponse({ type: AttachmentDto })
  upload(
    @CurrentUser() user: AuthUser,
    @Param('ownerKind') ownerKind: string,
    @Param('ownerId', new UuidParam('Resource')) ownerId: string,
    @Req() req: Request,
  ): Promise<AttachmentDto> {
    return this.attachments.upload(user.id, ownerKind, ownerId, req);
  }

  @Get()
  @ApiOperation({ summary: 'The files on this object, oldest first (as visible as the object)' })
  @ApiParam(OWNER_PARAM)
  @ApiOkResponse({ type: AttachmentPageDto })
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
@ApiBearerAuth()
@Controller('attachments/:attachmentId')
export class AttachmentsController {
  constructor(private readonly attachments: AttachmentsService) {}

  @Get()
  @ApiOperation({ summary: 'Download the file (Content-Disposition: attachment, nosniff)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The stored bytes', schema: { type: 'string', format: 'binary' } })
  async download(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.attachments.download(user.id, id, 'file'));
  }

  @Get('thumbnail')
  @ApiOperation({ summary: 'A small WebP preview of an image attachment (404 for other files)' })
  @ApiProduces('image/webp')
  @ApiOkResponse({ description: 'WebP, at most 320×320', schema: { type: 'string', format: 'binary' } })
  async thumbnail(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    return send(res, await this.attachments.download(user.id, id, 'thumbnail'), 'inline');
  }

  @Get('info')
  @ApiOperation({ summary: 'The attachment record (as visible as its owner)' })
  @ApiOkResponse({ type: AttachmentDto })
  info(
    @CurrentUser() user: AuthUser,
    @Param('attachmentId', new UuidParam('Attachment')) id: string,
  ): Promise<AttachmentDto> {
    return this.attachments.get(user.id, id);
  }

  @Delete()
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a file (its uploader or the editors of what it hangs on)' })
  @ApiNoContentResponse()
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
