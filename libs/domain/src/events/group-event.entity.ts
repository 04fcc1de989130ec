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
  // Set for events about an incident: only those who may see that incident see the event.
  @Column({ type: 'uuid', nullable: true }) incidentId: string | null;
  @Column({ type: 'timestamptz', nullable: true }) publishedAt: Date | null;
}
