import { Body, Controller, Ip, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint } from '@roundtable/core';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import {
  EmailVerifiedDto,
  LoginDto,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetRequestedDto,
  RefreshDto,
  RegisterDto,
  TokensDto,
  UserDto,
  VerifyEmailDto,
} from './dto/auth.dto';
import { EmailVerificationService } from './email-verification.service';
import { PasswordService } from './password.service';

const RESET_REQUESTED = 'If an account has this address, a link to choose a new password is on its way.';

class LogoutDto {
  @ApiPropertyOptional({
    description:
      "Also end this refresh token's session (one of the caller's); the caller's own session always ends",
  })
  @IsOptional()
  @IsString()
  @MaxLength(512)
  refreshToken?: string;
}

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly verification: EmailVerificationService,
    private readonly passwords: PasswordService,
  ) {}

  @Post('register')
  @Endpoint({
    summary: 'Create an account; a verification code is e-mailed',
    status: 201,
    type: UserDto,
    public: true,
    errors: [403, 409],
  })
  register(@Body() dto: RegisterDto): Promise<UserDto> {
    return this.auth.register(dto);
  }

  @Post('login')
  @Endpoint({
    summary: 'Sign in: starts a session (its id is the sid of the access tokens)',
    type: TokensDto,
    public: true,
    errors: [401],
  })
  login(@Body() dto: LoginDto, @Ip() ip: string, @Req() req: Request): Promise<TokensDto> {
    return this.auth.login(dto, ip, { userAgent: req.headers['user-agent'] });
  }

  // The code from the verification e-mail proves the address (no bearer token needed).
  @Post('verify-email')
  @Endpoint({
    summary: 'Prove an e-mail address with the code from the verification e-mail',
    type: EmailVerifiedDto,
    public: true,
    errors: [409],
  })
  verifyEmail(@Body() dto: VerifyEmailDto): Promise<EmailVerifiedDto> {
    return this.verification.verify(dto.token);
  }

  @Post('refresh')
  @Endpoint({
    summary: 'Exchange a refresh token for new tokens of the same session (rotation)',
    type: TokensDto,
    public: true,
    errors: [401],
  })
  refresh(@Body() dto: RefreshDto, @Ip() ip: string): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken, { ip });
  }

  @Post('logout')
  @Endpoint({
    summary: 'End the current session at once (its access and refresh tokens stop working)',
    status: 204,
  })
  async logout(@CurrentUser() user: AuthUser, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(user, dto.refreshToken);
  }

  @Post('password-reset')
  @Endpoint({
    summary: 'E-mail a single-use link to choose a new password (the same answer for unknown addresses)',
    status: 202,
    type: PasswordResetRequestedDto,
    returns: 'Throttled per address (429)',
    public: true,
  })
  async requestPasswordReset(
    @Body() dto: PasswordResetRequestDto,
    @Ip() ip: string,
  ): Promise<PasswordResetRequestedDto> {
    await this.passwords.requestReset(dto.email, ip);
    return { detail: RESET_REQUESTED };
  }

  @Post('password-reset/confirm')
  @Endpoint({
    summary: 'Choose a new password with the e-mailed token; every session ends',
    status: 204,
    public: true,
  })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto): Promise<void> {
    await this.passwords.confirmReset(dto.token, dto.newPassword);
  }
}
