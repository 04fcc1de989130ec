import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const MEMBER_ROLES = ['focal_point', 'member', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];
// pending_organisation: invited "as" an organisation the invitee does not speak for; waits for an
// admin of that organisation and grants nothing until then.
export const MEMBERSHIP_STATUSES = [
  'pending_organisation',
  'invited',
  'active',
  'declined',
  'ended',
] as const;
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number];

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
  @Column({ type: 'uuid', nullable: true }) affiliationId: string | null;
  @Column({ type: 'uuid', nullable: true }) invitedBy: string | null;
  @Column({ type: 'timestamptz' }) invitedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) joinedAt: Date | null;
  @Column({ type: 'timestamptz', nullable: true }) endedAt: Date | null;
  @Column({ type: 'text', nullable: true }) endedReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
