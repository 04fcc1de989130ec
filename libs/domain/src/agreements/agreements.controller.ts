import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, PageQuery, UuidParam } from '@roundtable/core';
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
@ApiBearerAuth()
@Controller('groups/:groupId/agreements')
export class GroupAgreementsController {
  constructor(private readonly agreements: AgreementsService) {}

  @Post()
  @ApiOperation({
    summary: 'Start an agreement (your organisation is a party); version 1 from a template or empty',
  })
  @ApiCreatedResponse({ type: AgreementDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateAgreementDto,
  ) {
    return this.agreements.create(user.id, groupId, dto);
  }

  @Get()
  @ApiOperation({
    summary: 'Agreements the caller may see (summary view where only that is allowed), newest first',
  })
  @ApiOkResponse({ type: AgreementPageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: AgreementQuery,
  ) {
    return this.agreements.list(user.id, groupId, q);
  }
}

@ApiTags('agreements')
@ApiBearerAuth()
@Controller('agreements/:agreementId')
export class AgreementsController {
  constructor(
    private readonly agreements: AgreementsService,
    private readonly versions: AgreementVersionsService,
    private readonly reviews: AgreementReviewsService,
  ) {}

  @Get()
  @ApiOkResponse({ type: AgreementDto })
  get(@CurrentUser() user: AuthUser, @AgreementId() id: string) {
    return this.agreements.get(user.id, id);
  }

  @Patch()
  @ApiOperation({ summary: 'Change an agreement (party members)' })
  @ApiOkResponse({ type: AgreementDto })
  update(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: UpdateAgreementDto) {
    return this.agreements.update(user.id, id, dto);
  }

  @Post('status')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move the agreement through its lifecycle (party members); illegal → 409' })
  @ApiOkResponse({ type: AgreementDto })
  status(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: AgreementStatusChangeDto) {
    return this.agreements.changeStatus(user.id, id, dto);
  }

  @Get('versions')
  @ApiOperation({ summary: 'Versions, newest first (content viewers)' })
  @ApiOkResponse({ type: VersionPageDto })
  listVersions(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.versions.list(user.id, id, q);
  }

  @Post('versions')
  @ApiOperation({ summary: 'Open a new draft from an earlier version (party members)' })
  @ApiCreatedResponse({ type: VersionDto })
  openVersion(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: OpenVersionDto) {
    return this.versions.open(user.id, id, dto);
  }

  @Post('legal-references')
  @ApiOperation({ summary: 'Add a legal basis (party members)' })
  @ApiCreatedResponse({ type: LegalReferenceDto })
  addLegalReference(
    @CurrentUser() user: AuthUser,
    @AgreementId() id: string,
    @Body() dto: CreateLegalReferenceDto,
  ) {
    return this.reviews.addLegalReference(user.id, id, dto);
  }

  @Get('legal-references')
  @ApiOkResponse({ type: LegalReferencePageDto })
  legalReferences(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.reviews.legalReferences(user.id, id, q);
  }

  @Post('reviews')
  @ApiOperation({ summary: 'Record a review: reaffirmed, revise or terminate (party members)' })
  @ApiCreatedResponse({ type: ReviewDto })
  review(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Body() dto: CreateReviewDto) {
    return this.reviews.review(user.id, id, dto);
  }

  @Get('reviews')
  @ApiOkResponse({ type: ReviewPageDto })
  listReviews(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.reviews.reviews(user.id, id, q);
  }

  @Post('review-requests')
  @ApiOperation({ summary: 'Ask for an early review (party members)' })
  @ApiCreatedResponse({ type: ReviewRequestDto })
  requestReview(
    @CurrentUser() user: AuthUser,
    @AgreementId() id: string,
    @Body() dto: CreateReviewRequestDto,
  ) {
    return this.reviews.requestReview(user.id, id, dto);
  }

  @Get('review-requests')
  @ApiOkResponse({ type: ReviewRequestPageDto })
  reviewRequests(@CurrentUser() user: AuthUser, @AgreementId() id: string, @Query() q: PageQuery) {
    return this.reviews.reviewRequests(user.id, id, q);
  }
}
