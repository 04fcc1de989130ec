import { Injectable } from '@nestjs/common';
import {
  ConflictProblem,
  decodeCursor,
  NotFoundProblem,
  Page,
  pageLimit,
  toPage,
  PgRow,
} from '@roundtable/core';
import { DataSource } from 'typeorm';
import { ChangeRecorder } from '../events/change-recorder';
import { CreateOrganisationDto, OrganisationDto, OrganisationQuery } from './dto/organisation.dto';

const COLUMNS = `id, name, kind, country, vps_participant, created_at`;

@Injectable()
export class OrganisationsService {
  constructor(
    private readonly ds: DataSource,
    private readonly changes: ChangeRecorder,
  ) {}

  async create(userId: string, dto: CreateOrganisationDto): Promise<OrganisationDto> {
    return this.ds.transaction(async (em) => {
      const [row] = await em.query(
        `INSERT INTO organisations (name, kind, country, vps_participant, created_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT ((lower(name))) DO NOTHING RETURNING ${COLUMNS}`,
        [dto.name, dto.kind, dto.country ?? null, dto.vpsParticipant ?? false, userId],
      );
      if (!row) throw new ConflictProblem('An organisation with this name already exists');
      await this.changes.audit(em, {
        actorUserId: userId,
        action: 'organisation.created',
        entityType: 'organisation',
        entityId: row.id,
        details: { name: row.name, kind: row.kind },
      });
      return toOrganisation(row);
    });
  }

  async list(q: OrganisationQuery): Promise<Page<OrganisationDto>> {
    const limit = pageLimit(q);
    const cursor = decodeCursor(q.cursor, 2);
    const params: unknown[] = [limit + 1];
    const where: string[] = [];
    if (q.q) {
      params.push(`%${q.q.toLowerCase().replace(/[\\%_]/g, (c) => '\\' + c)}%`);
      where.push(`lower(name) LIKE $${params.length}`);
    }
    if (q.kind) {
      params.push(q.kind);
      where.push(`kind = $${params.length}`);
    }
    if (cursor) {
      params.push(cursor[0], cursor[1]);
      where.push(`(lower(name), id) > ($${params.length - 1}, $${params.length}::uuid)`);
    }
    const rows = await this.ds.query(
      `SELECT ${COLUMNS} FROM organisations ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
       ORDER BY lower(name), id LIMIT $1`,
      params,
    );
    return toPage(rows, limit, (r: PgRow) => [String(r.name).toLowerCase(), r.id], toOrganisation);
  }

  async get(id: string): Promise<OrganisationDto> {
    const [row] = await this.ds.query(`SELECT ${COLUMNS} FROM organisations WHERE id = $1`, [id]);
    if (!row) throw new NotFoundProblem('Organisation');
    return toOrganisation(row);
  }
}

export function toOrganisation(r: PgRow): OrganisationDto {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    country: r.country,
    vpsParticipant: r.vps_participant,
    createdAt: new Date(r.created_at).toISOString(),
  };
}
