import 'reflect-metadata';
import { resolve } from 'node:path';
import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }) => {
  const v = String(value).toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value; // left as is so validation names it
};
const toInt = ({ value }: { value: unknown }) =>
  value === undefined || value === '' ? undefined : Number(value);

// The environment as documented in DESIGN.md "Operations"; validated once at boot.
export class EnvironmentVariables {
  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  @Matches(/^postgres(ql)?:\/\//, { message: 'DATABASE_URL must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/roundtable';

  @IsString()
  @Matches(/^rediss?:\/\//, { message: 'REDIS_URL must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  @Transform(toInt)
  @IsInt({ message: 'PORT must be an integer' })
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  JWT_SECRET?: string;

  @Transform(toInt)
  @IsInt({ message: 'JWT_ACCESS_TTL_SECONDS must be an integer' })
  @Min(30)
  JWT_ACCESS_TTL_SECONDS = 900;

  @Transform(toInt)
  @IsInt({ message: 'REFRESH_TTL_DAYS must be an integer' })
  @Min(1)
  REFRESH_TTL_DAYS = 30;

  @Transform(toBool)
  @IsBoolean({ message: 'AUTH_OPEN_SIGNUP must be true or false' })
  AUTH_OPEN_SIGNUP = true;

  @IsOptional()
  @IsString()
  @Matches(/^smtps?:\/\//, { message: 'SMTP_URL must be an smtp:// or smtps:// URL' })
  SMTP_URL?: string;

  @IsOptional()
  @IsString()
  SMTP_FROM?: string;

  @IsOptional()
  @IsString()
  CORS_ORIGINS?: string;

  // Platform administrators (comma-separated e-mail addresses): they verify organisations. An
  // address counts only once its owner has verified it.
  @IsOptional()
  @IsString()
  @Matches(/^\s*[^\s@,]+@[^\s@,]+(\s*,\s*[^\s@,]+@[^\s@,]+)*\s*$/, {
    message: 'ADMIN_EMAILS must be a comma-separated list of e-mail addresses',
  })
  ADMIN_EMAILS?: string;

  // Where people reach this deployment; used in the links of e-mails.
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/[^\s/]+(\/[^\s]*)?$/, { message: 'PUBLIC_URL must be an http:// or https:// URL' })
  PUBLIC_URL?: string;

  @IsString()
  @Matches(/^[A-Za-z0-9_.:-]+$/, { message: 'REDIS_PREFIX may only contain letters, digits and _ . : -' })
  REDIS_PREFIX = 'roundtable';

  @Transform(toInt)
  @IsInt({ message: 'RATE_LIMIT_PER_MINUTE must be an integer' })
  @Min(0)
  RATE_LIMIT_PER_MINUTE = 600;

  @Transform(toInt)
  @IsInt({ message: 'LOGIN_MAX_FAILURES must be an integer' })
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  // The longest delay between login attempts once they keep failing.
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_LOCK_SECONDS must be an integer' })
  @Min(1)
  // A lock is also held by an in-process timer while Redis is down; Node's timers stop at 2^31 ms.
  @Max(2_147_483, { message: 'LOGIN_LOCK_SECONDS must be at most 2147483 (24 days)' })
  LOGIN_LOCK_SECONDS = 900;

  // The first delay after LOGIN_MAX_FAILURES failures; it doubles with every further failure.
  @Transform(toInt)
  @IsInt({ message: 'LOGIN_DELAY_SECONDS must be an integer' })
  @Min(1)
  LOGIN_DELAY_SECONDS = 5;

  // How often the worker's schedulers fan out meeting materialisation and scan for due reminders.
  @Transform(toInt)
  @IsInt({ message: 'MEETING_JOBS_INTERVAL_MS must be an integer' })
  @Min(100)
  MEETING_JOBS_INTERVAL_MS = 60_000;

  // How often the worker scans agreements for entry into force, expiry, review reminders and
  // overdue obligations (all compared as calendar dates in each group's time zone).
  @Transform(toInt)
  @IsInt({ message: 'AGREEMENT_JOBS_INTERVAL_MS must be an integer' })
  @Min(100)
  AGREEMENT_JOBS_INTERVAL_MS = 60_000;

  @IsOptional()
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL?: string;

  // When set, GET /metrics needs `Authorization: Bearer <METRICS_TOKEN>` (401 otherwise).
  @IsOptional()
  @IsString()
  @Matches(/^\S{16,}$/, { message: 'METRICS_TOKEN must be at least 16 characters without spaces' })
  METRICS_TOKEN?: string;

  // Outside production and without SMTP_URL, `X-Dev-Mail-Token: <DEV_MAIL_TOKEN>` reads every
  // mail in GET /dev/mail; without it a signed-in caller reads only mail to their own address.
  @IsOptional()
  @IsString()
  @Matches(/^\S{16,}$/, { message: 'DEV_MAIL_TOKEN must be at least 16 characters without spaces' })
  DEV_MAIL_TOKEN?: string;

  // Socket.IO handshakes (new connections and namespace connects) per address per minute; 0 = off.
  @Transform(toInt)
  @IsInt({ message: 'REALTIME_HANDSHAKES_PER_MINUTE must be an integer' })
  @Min(0)
  REALTIME_HANDSHAKES_PER_MINUTE = 120;

  // Folder of the built web client (apps/web/dist by default); served at / when it holds index.html.
  @IsOptional()
  @IsString()
  WEB_DIST_DIR?: string;

  // Where the platform keeps its files (attachments under DATA_DIR/attachments); ./data by default.
  @IsOptional()
  @IsString()
  DATA_DIR?: string;

  // The largest attachment accepted (bytes); 25 MB by default.
  @Transform(toInt)
  @IsInt({ message: 'FILE_MAX_BYTES must be an integer' })
  @Min(1)
  FILE_MAX_BYTES = 25 * 1024 * 1024;

  // Attachments in an S3-compatible store instead of DATA_DIR when S3_ENDPOINT, S3_BUCKET,
  // S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are all set.
  @IsOptional()
  @IsString()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'S3_ENDPOINT must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  @IsOptional()
  @IsString()
  S3_BUCKET?: string;

  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  @IsOptional()
  @IsString()
  S3_REGION?: string;

  // Optional malware scan of every upload by a clamd at CLAMAV_HOST:CLAMAV_PORT.
  @IsOptional()
  @IsString()
  CLAMAV_HOST?: string;

  @Transform(toInt)
  @IsInt({ message: 'CLAMAV_PORT must be an integer' })
  @Min(1)
  @Max(65535)
  CLAMAV_PORT = 3310;
}

export interface AppConfig {
  nodeEnv: EnvironmentVariables['NODE_ENV'];
  databaseUrl: string;
  redisUrl: string;
  port: number;
  // Unset outside production: the auth module then uses a secret generated once and kept in the
  // database (auth/jwt-secret.ts).
  jwtSecret?: string;
  accessTokenTtlSeconds: number;
  refreshTokenTtlDays: number;
  openSignup: boolean;
  smtpUrl?: string;
  smtpFrom: string;
  corsOrigins: string[];
  adminEmails: string[];
  publicUrl: string;
  redisPrefix: string;
  rateLimitPerMinute: number;
  loginMaxFailures: number;
  loginLockSeconds: number;
  loginDelaySeconds: number;
  logLevel: string;
  meetingJobsIntervalMs: number;
  agreementJobsIntervalMs: number;
  webDistDir?: string;
  metricsToken?: string;
  devMailToken?: string;
  realtimeHandshakesPerMinute: number;
  files: FilesConfig;
}

export interface FilesConfig {
  dataDir: string;
  maxBytes: number;
  s3?: { endpoint: string; bucket: string; accessKeyId: string; secretAccessKey: string; region: string };
  clamav?: { host: string; port: number };
}

export class ConfigError extends Error {}

// Secrets that were published (in this repository's history): tokens signed with them must never
// be accepted, so they are refused as JWT_SECRET too.
export const PUBLISHED_JWT_SECRETS = ['roundtable-development-secret-do-not-use-in-production'];

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(new EnvironmentVariables())) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  for (const key of [
    'JWT_SECRET',
    'SMTP_URL',
    'SMTP_FROM',
    'CORS_ORIGINS',
    'LOG_LEVEL',
    'ADMIN_EMAILS',
    'PUBLIC_URL',
    'WEB_DIST_DIR',
    'DATA_DIR',
    'S3_ENDPOINT',
    'S3_BUCKET',
    'S3_ACCESS_KEY_ID',
    'S3_SECRET_ACCESS_KEY',
    'S3_REGION',
    'CLAMAV_HOST',
    'METRICS_TOKEN',
    'DEV_MAIL_TOKEN',
  ]) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const vars = plainToInstance(EnvironmentVariables, raw);
  const errors = validateSync(vars, { skipMissingProperties: false });
  const problems = errors.flatMap((e) =>
    Object.values(e.constraints ?? {}).map((m) => `${e.property}=${JSON.stringify(env[e.property])}: ${m}`),
  );
  if (vars.NODE_ENV === 'production' && !vars.JWT_SECRET) {
    problems.push('JWT_SECRET is required when NODE_ENV=production');
  }
  if (vars.JWT_SECRET !== undefined && vars.JWT_SECRET.length < 16) {
    problems.push('JWT_SECRET must be at least 16 characters');
  }
  if (vars.JWT_SECRET !== undefined && PUBLISHED_JWT_SECRETS.includes(vars.JWT_SECRET)) {
    problems.push('JWT_SECRET is a published value; use a long random string of your own');
  }
  const s3Vars = [vars.S3_ENDPOINT, vars.S3_BUCKET, vars.S3_ACCESS_KEY_ID, vars.S3_SECRET_ACCESS_KEY];
  if (s3Vars.some(Boolean) && !s3Vars.every(Boolean)) {
    problems.push('S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY must be set together');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
  return {
    nodeEnv: vars.NODE_ENV,
    databaseUrl: vars.DATABASE_URL,
    redisUrl: vars.REDIS_URL,
    port: vars.PORT,
    jwtSecret: vars.JWT_SECRET,
    accessTokenTtlSeconds: vars.JWT_ACCESS_TTL_SECONDS,
    refreshTokenTtlDays: vars.REFRESH_TTL_DAYS,
    openSignup: vars.AUTH_OPEN_SIGNUP,
    smtpUrl: vars.SMTP_URL,
    smtpFrom: vars.SMTP_FROM ?? 'Roundtable <no-reply@roundtable.local>',
    corsOrigins: (vars.CORS_ORIGINS ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    adminEmails: (vars.ADMIN_EMAILS ?? '')
      .split(',')
      .map((s) => s.trim().toLowerCase())
      .filter(Boolean),
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    redisPrefix: vars.REDIS_PREFIX,
    rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
    loginMaxFailures: vars.LOGIN_MAX_FAILURES,
    loginLockSeconds: vars.LOGIN_LOCK_SECONDS,
    loginDelaySeconds: vars.LOGIN_DELAY_SECONDS,
    logLevel: vars.LOG_LEVEL ?? (vars.NODE_ENV === 'test' ? 'silent' : 'info'),
    meetingJobsIntervalMs: vars.MEETING_JOBS_INTERVAL_MS,
    agreementJobsIntervalMs: vars.AGREEMENT_JOBS_INTERVAL_MS,
    webDistDir: vars.WEB_DIST_DIR,
    files: {
      dataDir: resolve(vars.DATA_DIR ?? 'data'),
      maxBytes: vars.FILE_MAX_BYTES,
      s3:
        vars.S3_ENDPOINT && vars.S3_BUCKET && vars.S3_ACCESS_KEY_ID && vars.S3_SECRET_ACCESS_KEY
          ? {
              endpoint: vars.S3_ENDPOINT,
              bucket: vars.S3_BUCKET,
              accessKeyId: vars.S3_ACCESS_KEY_ID,
              secretAccessKey: vars.S3_SECRET_ACCESS_KEY,
              region: vars.S3_REGION ?? 'us-east-1',
            }
          : undefined,
      clamav: vars.CLAMAV_HOST ? { host: vars.CLAMAV_HOST, port: vars.CLAMAV_PORT } : undefined,
    },
    metricsToken: vars.METRICS_TOKEN,
    devMailToken: vars.DEV_MAIL_TOKEN,
    realtimeHandshakesPerMinute: vars.REALTIME_HANDSHAKES_PER_MINUTE,
  };
}

// Injection token for the validated configuration.
export const APP_CONFIG = Symbol('APP_CONFIG');
