import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MEMBER_ROLES = ['focal_point', 'member', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
export type MembershipStatus = 'invited' | 'active' | 'declined' | 'ended';

@Entity('memberships')
export class Membership {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column('uuid') groupId: string;
  @Column({ type: 'uuid', nullable: true }) userId: string | null;
  @Column() email: string;
  @Column('uuid') organisationId: string;
  @Column({ type: 'text' }) role: MemberRole;
  @Column() isContactPoint: boolean;
  @Column({ type: 'text' }) status: MembershipStatus;
  @Column({ type: 'uuid', nullable: true }) invitedBy: string | null;
  @Column({ type: 'timestamptz' }) invitedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) joinedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'text', nullable: true }) endedReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
