import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

export const CO_CHAIR_POLICIES = ['company_and_civil_society', 'any_two_organisations'] as const;
export type CoChairPolicy = (typeof CO_CHAIR_POLICIES)[number];

@Entity('groups')
export class WorkingGroup {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() name: string;
  @Column({ type: 'text', nullable: true }) description: string | null;
  @Column({ type: 'text', nullable: true }) region: string | null;
  @Column({ type: 'text', array: true }) languages: string[];
  @Column() timezone: string;
  @Column({ type: 'text' }) coChairPolicy: CoChairPolicy;
  @Column('uuid') organisationId: string;
  @Column('uuid') createdBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}
