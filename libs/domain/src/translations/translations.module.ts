import { Global, Module } from '@nestjs/common';
import { GroupTranslationsController, TranslationsController } from './translations.controller';
import { TranslationSources } from './translation-sources';
import { TranslationsService } from './translations.service';

// Global: every translatable feature (documents, minutes, agendas, recommendations, agreements)
// calls TranslationsService when it reads (localize) and when its source changes.
@Global()
@Module({
  controllers: [TranslationsController, GroupTranslationsController],
  providers: [TranslationsService, TranslationSources],
  exports: [TranslationsService],
})
export class TranslationsModule {}
