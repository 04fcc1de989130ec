import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('notifications')
export class Notification {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column() type: string;
  @Column({ type: 'uuid', nullable: true }) groupId: string | null;
  @Column({ type: 'uuid', nullable: true }) entityId: string | null;
  @Column() title: string;
  @Column({ type: 'text', nullable: true }) body: string | null;
  @Column({ type: 'jsonb' }) data: Record<string, unknown>;
  @Column() dedupeKey: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) readAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) emailedAt: Date | null;
  // Realtime push (worker): set once relayed to the user's sockets.
  @Column({ type: 'timestamptz', nullable: true }) pushedAt: Date | null;
  // E-mail delivery (worker): claimed before sending, so never sent twice.
  @Column({ type: 'timestamptz', nullable: true }) emailClaimedAt: Date | null;
  @Column({ type: 'int', default: 0 }) emailAttempts: number;
  @Column({ type: 'timestamptz', nullable: true }) emailRetryAt: Date | null;
  @Column({ type: 'text', nullable: true }) emailError: string | null;
}
