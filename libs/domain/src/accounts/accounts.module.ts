import { Module } from '@nestjs/common';
import { MembersModule } from '../members/members.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { EmailVerificationService } from './email-verification.service';
import { LoginThrottle } from './login-throttle.service';
import { MeController } from './me.controller';
import { MeService } from './me.service';
import { PasswordService } from './password.service';
import { SessionsService } from './sessions.service';

@Module({
  imports: [MembersModule],
  controllers: [AuthController, MeController],
  providers: [
    AuthService,
    MeService,
    LoginThrottle,
    EmailVerificationService,
    SessionsService,
    PasswordService,
  ],
  exports: [MeService, SessionsService],
})
export class AccountsModule {}
