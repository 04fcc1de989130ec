import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, UuidParam } from '@roundtable/core';
import { CreateSiteDto, SiteDto, SitePageDto, SiteQuery, UpdateSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@ApiBearerAuth()
@Controller('groups/:groupId/sites')
export class GroupSitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @ApiOperation({ summary: 'Add a site (members of the operator, focal point or co-chair)' })
  @ApiCreatedResponse({ type: SiteDto })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateSiteDto,
  ) {
    return this.sites.create(user.id, groupId, dto);
  }

  @Get()
  @ApiOperation({ summary: 'The group’s sites, by name' })
  @ApiOkResponse({ type: SitePageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: SiteQuery,
  ) {
    return this.sites.list(user.id, groupId, q);
  }
}

@ApiTags('sites')
@ApiBearerAuth()
@Controller('sites/:siteId')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @ApiOkResponse({ type: SiteDto })
  get(@CurrentUser() user: AuthUser, @Param('siteId', new UuidParam('Site')) siteId: string) {
    return this.sites.get(user.id, siteId);
  }

  @Patch()
  @ApiOperation({ summary: 'Change a site (members of the operator, focal point or co-chair)' })
  @ApiOkResponse({ type: SiteDto })
  update(
    @CurrentUser() user: AuthUser,
    @Param('siteId', new UuidParam('Site')) siteId: string,
    @Body() dto: UpdateSiteDto,
  ) {
    return this.sites.update(user.id, siteId, dto);
  }
}
