import { Body, Controller, Ip, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint } from '@roundtable/core';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { AuthService } from './auth.service';
import {
  EmailVerifiedDto,
  LoginDto,
  RefreshDto,
  RegisterDto,
  TokensDto,
  UserDto,
  VerifyEmailDto,
} from './dto/auth.dto';
import { EmailVerificationService } from './email-verification.service';

class LogoutDto {
  @ApiPropertyOptional({
    description: 'Revoke this token family only; without it every session of the user ends',
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
    summary: 'Sign in with e-mail and password: an access and a refresh token',
    type: TokensDto,
    public: true,
    errors: [401],
  })
  login(@Body() dto: LoginDto, @Ip() ip: string): Promise<TokensDto> {
    return this.auth.login(dto, ip);
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
    summary: 'Exchange a refresh token for new tokens (the old one is spent)',
    type: TokensDto,
    public: true,
    errors: [401],
  })
  refresh(@Body() dto: RefreshDto): Promise<TokensDto> {
    return this.auth.refresh(dto.refreshToken);
  }

  @Post('logout')
  @Endpoint({ summary: 'Sign out: revoke one refresh token family, or every session', status: 204 })
  async logout(@CurrentUser() user: AuthUser, @Body() dto: LogoutDto): Promise<void> {
    await this.auth.logout(user.id, dto.refreshToken);
  }
}
