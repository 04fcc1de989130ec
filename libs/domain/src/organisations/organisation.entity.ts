import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANISATION_KINDS = [
  'company',
  'private_security_provider',
  'public_security',
  'host_government',
  'home_government',
  'local_authority',
  'community',
  'civil_society',
  'womens_group',
  'indigenous_peoples',
  'international_organisation',
  'other',
] as const;
export type OrganisationKind = (typeof ORGANISATION_KINDS)[number];

@Entity('organisations')
export class Organisation {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text' }) kind: OrganisationKind;
  @Column({ type: 'text', nullable: true }) country: string | null;
  @Column() vpsParticipant: boolean;
  @Column({ type: 'uuid', nullable: true }) createdBy: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}
