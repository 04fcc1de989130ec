import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { GroupEventType } from '@roundtable/core';

@Entity('group_events')
export class GroupEvent {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') groupId: string;
  @Column({ type: 'bigint' }) seq: string;
  @Column({ type: 'text' }) type: GroupEventType;
  @Column({ type: 'uuid', nullable: true }) entityId: string | null;
  @Column({ type: 'timestamptz' }) at: Date;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  // Set for events about an incident (kept for compatibility; scopeKind/scopeId decide visibility).
  @Column({ type: 'uuid', nullable: true }) incidentId: string | null;
  // The object whose visibility the event follows: incident, agreement, agreement_content, non_compliance.
  @Column({ type: 'text', nullable: true }) scopeKind: string | null;
  @Column({ type: 'uuid', nullable: true }) scopeId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}
