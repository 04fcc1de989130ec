import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessTokenService } from './access-token.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { resolveJwtSecret } from './jwt-secret';

// Needs the database (DataSource, from DatabaseModule) for the generated development secret.
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG, DataSource],
      useFactory: async (config: AppConfig, ds: DataSource) => ({
        secret: await resolveJwtSecret(config, ds),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
  ],
  providers: [AccessTokenService, JwtAuthGuard],
  exports: [AccessTokenService, JwtAuthGuard],
})
export class AuthCoreModule {}
