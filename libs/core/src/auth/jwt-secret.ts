import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config';

const SECRET_NAME = 'jwt';

// The HMAC secret of access tokens. JWT_SECRET when set (required in production); otherwise a
// random secret generated the first time any process starts against this database and kept in
// it (platform_secrets), so every API instance and restart agrees and nothing secret lives in the
// repository. Tokens signed with a published value are therefore never accepted.
export async function resolveJwtSecret(config: AppConfig, ds: DataSource): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const logger = new Logger('Auth');
  const candidate = randomBytes(48).toString('base64url');
  const [created] = await ds.query(
    `INSERT INTO platform_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING value`,
    [SECRET_NAME, candidate],
  );
  if (created) {
    logger.warn(
      'JWT_SECRET is not set: generated a random signing secret and stored it in the database (table platform_secrets). Set JWT_SECRET in production.',
    );
    return created.value;
  }
  const [stored] = await ds.query(`SELECT value FROM platform_secrets WHERE name = $1`, [SECRET_NAME]);
  logger.log('JWT_SECRET is not set: using the signing secret generated earlier for this database');
  return stored.value;
}
