import { Controller, Get, Inject, Res } from '@nestjs/common';
import { ApiProperty, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { Endpoint, REDIS } from '@roundtable/core';
import type { Response } from 'express';
import Redis from 'ioredis';

class HealthChecksDto {
  @ApiProperty({ enum: ['up', 'down'] }) database: string;
  @ApiProperty({ enum: ['up', 'down'] }) redis: string;
}

class HealthDto {
  @ApiProperty({ enum: ['ok', 'error'] }) status: string;
  @ApiProperty({ type: HealthChecksDto }) checks: HealthChecksDto;
}

@ApiTags('operations')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicators: HealthIndicatorService,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Get()
  @ApiServiceUnavailableResponse({ type: HealthDto, description: 'A dependency is down; checks name it' })
  @Endpoint({
    summary: 'Liveness and dependencies: 200 when Postgres and Redis answer, else 503',
    type: HealthDto,
    public: true,
  })
  async check(@Res({ passthrough: true }) res: Response): Promise<HealthDto> {
    const result = await this.health
      .check([() => this.db.pingCheck('database', { timeout: 2000 }), () => this.pingRedis()])
      .catch((e: { response?: { details?: Record<string, { status: string }> } }) => ({
        status: 'error' as const,
        details: e.response?.details ?? {},
      }));
    const details = (result.details ?? {}) as Record<string, { status: string }>;
    const checks = {
      database: details.database?.status === 'up' ? 'up' : 'down',
      redis: details.redis?.status === 'up' ? 'up' : 'down',
    };
    const ok = checks.database === 'up' && checks.redis === 'up';
    res.status(ok ? 200 : 503);
    return { status: ok ? 'ok' : 'error', checks };
  }

  private async pingRedis() {
    const indicator = this.indicators.check('redis');
    let timer: NodeJS.Timeout | undefined;
    try {
      const pong = await Promise.race([
        this.whenReady().then(() => this.redis.ping()),
        new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), 2000))),
      ]);
      return pong === 'PONG' ? indicator.up() : indicator.down({ message: String(pong) });
    } catch (e) {
      return indicator.down({ message: (e as Error).message });
    } finally {
      clearTimeout(timer);
    }
  }

  // Connected but still in ioredis' ready check (just after boot or a reconnect): commands
  // would fail at once (no offline queue), so wait for 'ready' within the check's timeout.
  private whenReady(): Promise<void> {
    if (this.redis.status !== 'connect' && this.redis.status !== 'connecting') return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        for (const event of ['ready', 'close', 'end']) this.redis.off(event, done);
        resolve();
      };
      // 'close' too: a failed attempt settles at once and the ping reports the error.
      for (const event of ['ready', 'close', 'end']) this.redis.once(event, done);
    });
  }
}
