import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { AccessTokenService } from './access-token.service';
import { JwtAuthGuard } from './jwt-auth.guard';
import { resolveJwtSecret } from './jwt-secret';
import { SessionRevocations } from './session-revocations';

// Needs the database (DataSource, from DatabaseModule) for the generated development secret.
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [APP_CONFIG, DataSource],
      useFactory: async (config: AppConfig, ds: DataSource) => {
        // One key object for the process: given the secret as a string, jsonwebtoken builds a key
        // object on every sign and verify (after first trying to parse it as a public key).
        const key = createSecretKey(Buffer.from(await resolveJwtSecret(config, ds), 'utf8'));
        return { secretOrKeyProvider: () => key, signOptions: { algorithm: 'HS256' } };
      },
    }),
  ],
  providers: [AccessTokenService, JwtAuthGuard, SessionRevocations],
  exports: [AccessTokenService, JwtAuthGuard, SessionRevocations],
})
export class AuthCoreModule {}
