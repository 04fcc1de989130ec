import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, Endpoint, UuidParam } from '@roundtable/core';
import { CreateSiteDto, SiteDto, SitePageDto, SiteQuery, UpdateSiteDto } from './dto/site.dto';
import { SitesService } from './sites.service';

@ApiTags('sites')
@Controller('groups/:groupId/sites')
export class GroupSitesController {
  constructor(private readonly sites: SitesService) {}

  @Post()
  @Endpoint({
    summary: 'Add a site (members of the operator, focal point or co-chair)',
    status: 201,
    type: SiteDto,
    errors: [403, 409],
  })
  create(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Body() dto: CreateSiteDto,
  ) {
    return this.sites.create(user.id, groupId, dto);
  }

  @Get()
  @Endpoint({ summary: 'The group’s sites, by name', type: SitePageDto })
  list(
    @CurrentUser() user: AuthUser,
    @Param('groupId', new UuidParam('Group')) groupId: string,
    @Query() q: SiteQuery,
  ) {
    return this.sites.list(user.id, groupId, q);
  }
}

@ApiTags('sites')
@Controller('sites/:siteId')
export class SitesController {
  constructor(private readonly sites: SitesService) {}

  @Get()
  @Endpoint({ summary: 'One site', type: SiteDto })
  get(@CurrentUser() user: AuthUser, @Param('siteId', new UuidParam('Site')) siteId: string) {
    return this.sites.get(user.id, siteId);
  }

  @Patch()
  @Endpoint({
    summary: 'Change a site (members of the operator, focal point or co-chair)',
    type: SiteDto,
    errors: [403, 409],
  })
  update(
    @CurrentUser() user: AuthUser,
    @Param('siteId', new UuidParam('Site')) siteId: string,
    @Body() dto: UpdateSiteDto,
  ) {
    return this.sites.update(user.id, siteId, dto);
  }
}
