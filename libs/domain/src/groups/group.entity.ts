import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CO_CHAIR_POLICIES = ['company_and_civil_society', 'any_two_organisations'] as const;
export type CoChairPolicy = (typeof CO_CHAIR_POLICIES)[number];
// Whether one sitting co-chair approves minutes, or every sitting co-chair who may (see minutes).
export const MINUTES_APPROVAL_RULES = ['one_co_chair', 'all_co_chairs'] as const;
export type MinutesApprovalRule = (typeof MINUTES_APPROVAL_RULES)[number];

@Entity('groups')
export class WorkingGroup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', array: true }) languages: string[];
  @Column() timezone: string;
  @Column({ type: 'text' }) coChairPolicy: CoChairPolicy;
  @Column({ type: 'text' }) minutesApproval: MinutesApprovalRule;
  @Column('uuid') organisationId: string;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
