import { ApiProperty } from '@nestjs/swagger';
import { MemberOrganisationDto } from '../members/dto/member.dto';
import { ORGANISATION_KINDS, OrganisationKind } from '../organisations/organisation.entity';

export class KindCountDto {
  @ApiProperty({ enum: ORGANISATION_KINDS }) kind: OrganisationKind;
  @ApiProperty({ description: 'Active members representing organisations of this kind' }) members: number;
  @ApiProperty({ description: 'Distinct organisations of this kind with active members' })
  organisations: number;
}

export class OrganisationCountDto {
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
  @ApiProperty({ description: 'Active members representing this organisation' }) members: number;
}

export class ContactPointDto {
  @ApiProperty({ format: 'uuid' }) memberId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) userId: string | null;
  @ApiProperty({ nullable: true, type: String }) displayName: string | null;
  @ApiProperty({
    nullable: true,
    type: String,
    description: 'Shown to the focal point, co-chairs and the contact point',
  })
  email: string | null;
  @ApiProperty({ type: MemberOrganisationDto }) organisation: MemberOrganisationDto;
}

export class StakeholderMapDto {
  @ApiProperty({ format: 'uuid' }) groupId: string;
  @ApiProperty({ description: 'Active members in the group' }) activeMembers: number;
  @ApiProperty({ type: [KindCountDto], description: 'Represented kinds, most members first' })
  byKind: KindCountDto[];
  @ApiProperty({ type: [OrganisationCountDto], description: 'Represented organisations, most members first' })
  byOrganisation: OrganisationCountDto[];
  @ApiProperty({ type: [ContactPointDto] }) contactPoints: ContactPointDto[];
  @ApiProperty({
    enum: ORGANISATION_KINDS,
    isArray: true,
    description: 'The kinds the VPS toolkit recommends including in a working group',
  })
  recommendedKinds: OrganisationKind[];
  @ApiProperty({
    enum: ORGANISATION_KINDS,
    isArray: true,
    description: 'Recommended kinds with no active member yet',
  })
  missingKinds: OrganisationKind[];
}
