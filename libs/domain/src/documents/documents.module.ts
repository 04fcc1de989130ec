import { Module } from '@nestjs/common';
import { DocumentsController, GroupDocumentsController } from './documents.controller';
import { DocumentsService } from './documents.service';

@Module({
  controllers: [GroupDocumentsController, DocumentsController],
  providers: [DocumentsService],
})
export class DocumentsModule {}
