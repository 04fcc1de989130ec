import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, PageQuery, UuidParam } from '@roundtable/core';
import { AgreementsService } from './agreements.service';
import {
  AgreementDto,
  AgreementPageDto,
  AgreementQuery,
  AgreementStatusChangeDto,
  CreateAgreementDto,
  UpdateAgreementDto,
} from './dto/agreement.dto';
import {
  CreateLegalReferenceDto,
  CreateReviewDto,
  CreateReviewRequestDto,
  LegalReferenceDto,
  LegalReferencePageDto,
  ReviewDto,
  ReviewPageDto,
  ReviewRequestDto,
  ReviewRequestPageDto,
} from './dto/review.dto';
import { OpenVersionDto, VersionDto, VersionPageDto } from './dto/version.dto';
import { AgreementReviewsService } from './reviews/agreement-reviews.service';
import { AgreementVersionsService } from './versions/versions.service';

const AgreementId = () => Param('agreementId', new UuidParam('Agreement'));

@ApiTags('agreements')
@Controller('groups/:groupId/agreements')
export class GroupAgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @Endpoint({
    summary: 'Start an agreement (your organisation is a party); version 1 from a template or empty',
    status: 201,
    type: AgreementDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateAgreementDto,
  ) {
    return this.agreements.create(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({
    summary: 'Agreements the caller may see (summary view where only that is allowed), newest first',
    type: AgreementPageDto,
  })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: AgreementQuery,
  ) {
    return this.agreements.list(user.id, groupId, q);
  }
}

@ApiTags('agreements')
@Controller('agreements/:agreementId')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly versions: AgreementVersionsService,
    private readonly reviews: AgreementReviewsService,
  ) {}

  @Get()
  @Endpoint({ summary: 'One agreement (summary view where only that is allowed)', type: AgreementDto })
  get(@CurrentUser() user: AuthUser, @AgreementId() id: string) {
    return this.agreements.get(user.id, id);
  }

  @Patch()
  @Endpoint({ summary: 'Change an agreement (party members)', type: AgreementDto, errors: [403, 409] })
  update(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: UpdateAgreementDto) {
    return this.agreements.update(user.id, id, dto);
  }

  @Post('status')
  @Endpoint({
    summary: 'Move the agreement through its lifecycle (party members); illegal → 409',
    type: AgreementDto,
    errors: [403, 409],
  })
  status(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: AgreementStatusChangeDto) {
    return this.agreements.changeStatus(user.id, id, dto);
  }

  @Get('versions')
  @Endpoint({ summary: 'Versions, newest first (content viewers)', type: VersionPageDto })
  listVersions(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.versions.list(user.id, id, q);
  }

  @Post('versions')
  @Endpoint({
    summary: 'Open a new draft from an earlier version (party members)',
    status: 201,
    type: VersionDto,
    errors: [403, 409],
  })
  openVersion(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: OpenVersionDto) {
    return this.versions.open(user.id, id, dto);
  }

  @Post('legal-references')
  @Endpoint({
    summary: 'Add a legal basis (party members)',
    status: 201,
    type: LegalReferenceDto,
    errors: [403, 409],
  })
  addLegalReference(
    @CurrentUser() user: AuthUser,
    @AgreementId() id: string,
    @Body() dto: CreateLegalReferenceDto,
  ) {
    return this.reviews.addLegalReference(user.id, id, dto);
  }

  @Get('legal-references')
  @Endpoint({ summary: "The agreement's legal references", type: LegalReferencePageDto })
  legalReferences(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.reviews.legalReferences(user.id, id, q);
  }

  @Post('reviews')
  @Endpoint({
    summary: 'Record a review: reaffirmed, revise or terminate (party members)',
    status: 201,
    type: ReviewDto,
    errors: [403, 409],
  })
  review(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: CreateReviewDto) {
    return this.reviews.review(user.id, id, dto);
  }

  @Get('reviews')
  @Endpoint({ summary: "The agreement's reviews, newest first", type: ReviewPageDto })
  listReviews(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.reviews.reviews(user.id, id, q);
  }

  @Post('review-requests')
  @Endpoint({
    summary: 'Ask for an early review (party members)',
    status: 201,
    type: ReviewRequestDto,
    errors: [403, 409],
  })
  requestReview(
    @CurrentUser() user: AuthUser,
    @AgreementId() id: string,
    @Body() dto: CreateReviewRequestDto,
  ) {
    return this.reviews.requestReview(user.id, id, dto);
  }

  @Get('review-requests')
  @Endpoint({ summary: 'Requests to review the agreement', type: ReviewRequestPageDto })
  reviewRequests(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.reviews.reviewRequests(user.id, id, q);
  }
}
