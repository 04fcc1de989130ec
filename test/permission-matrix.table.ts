import { incidentBody } from './support/incidents';
import type { PermissionWorld, Role } from './support/permission-world';

// The permission matrix: for every route the status each standing gets, in the order
//   outsider observer otherOrg member focal coChair
// (outsider: no membership; observer: an observer of a party organisation; otherOrg: a member
// through an organisation that is not a party and did not report; member: a member of a party,
// the reporter of the restricted incident; focal: the focal point, admin of every organisation;
// coChair: the civil-society co-chair). test/permission-matrix.e2e-spec.ts runs it against the
// router: a route without a line fails and is named.
//
// A line is either the six statuses, or an object:
//   expect     the six statuses
//   fresh      path parameters that get a new object per standing (routes that change it)
//   body       a valid body (default: the schema's sample from openapi-sampler)
//   query      query parameters
//   ownFixture the spec that tests it instead (it needs a fixture of its own); not run here
export interface MatrixEntry {
  expect: string;
  fresh?: string[];
  body?: (w: PermissionWorld, ids: Record<string, string>, role: Role) => unknown;
  query?: (w: PermissionWorld, ids: Record<string, string>, role: Role) => Record<string, string>;
  ownFixture?: string;
}

// The id each path parameter gets by default, by its name (ids holds the seeded group's
// objects, test/support/permission-world.ts). A name not listed here uses ids[name].
export const PARAM_FIXTURES: Record<string, (ids: Record<string, string>) => string> = {
  // Attachments are listed on the seeded (restricted) incident.
  ownerKind: () => 'incidents',
  ownerId: (ids) => ids.incidentId,
};

// The attachment routes are one route for every owner kind (`/{ownerKind}/{ownerId}/attachments`,
// tried above on the seeded incident); each kind answers with its owner's visibility and powers.
// One line per registered kind (the OpenAPI enum), on the fixture named: the list (GET) and an
// upload of a small text file (POST), each the six statuses. Kinds tested only in their own spec
// name it in `ownFixture`.
export interface OwnerKindEntry {
  ownerId?: string; // the ids key of the fixture
  list: string;
  upload: string;
  ownFixture?: string;
}

export const OWNER_KIND_MATRIX: Record<string, OwnerKindEntry> = {
  incidents: { ownerId: 'incidentId', list: '404 200 404 200 404 404', upload: '404 403 404 201 404 404' },
  'incident-updates': { list: '', upload: '', ownFixture: 'test/attachments.e2e-spec.ts' },
  meetings: { ownerId: 'meetingId', list: '404 200 200 200 200 200', upload: '404 403 403 403 201 201' },
  'agreement-versions': {
    ownerId: 'versionId',
    list: '404 200 200 200 200 200',
    upload: '404 403 403 201 403 403',
  },
  // A report needs an agreement in force: its files are tested with the report's audience there.
  'non-compliance': { list: '', upload: '', ownFixture: 'test/non-compliance.e2e-spec.ts' },
  'recommendation-progress': {
    list: '',
    upload: '',
    ownFixture: 'test/attachments-owners.e2e-spec.ts',
  },
  // Every member sees a session; those who keep the programme (the company that set it up, the
  // focal point, the co-chairs) may add files.
  'training-sessions': {
    ownerId: 'trainingSessionId',
    list: '404 200 200 200 200 200',
    upload: '404 403 403 201 201 201',
  },
  // The request itself and its monitoring entries: as visible as the request — the deciding
  // company (member, observer) and the police.
  'equipment-requests': {
    ownerId: 'equipmentRequestId',
    list: '404 200 404 200 404 404',
    upload: '404 403 404 201 404 404',
  },
  'equipment-monitoring': {
    ownerId: 'monitoringEntryId',
    list: '404 200 404 200 404 404',
    upload: '404 403 404 201 404 404',
  },
};

const PASSWORD = 'correct horse battery staple';

export const MATRIX: Record<string, string | MatrixEntry> = {
  // Added with the @Endpoint conversion of the wave-2 routes. Each ownFixture route needs an
  // object (or a session) the seeded world does not have; its access is tested in the spec named.
  'GET /api/v1/{ownerKind}/{ownerId}/attachments': '404 200 404 200 404 404',
  'GET /api/v1/agreements/{agreementId}/implementations': '404 200 200 200 200 200',
  'GET /api/v1/catalogue/training-topics': '200 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/contributions': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/contributions/summary': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/documents': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/equipment-requests': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/training-programmes': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/translations': '404 200 200 200 200 200',
  'GET /api/v1/me/sessions': '200 200 200 200 200 200',
  'GET /api/v1/sites/{siteId}/assigned-forces': '404 200 200 200 200 200',
  'POST /api/v1/groups/{groupId}/contributions': '404 403 400 400 400 400',
  'POST /api/v1/groups/{groupId}/documents': '404 403 403 403 201 201',
  'POST /api/v1/groups/{groupId}/equipment-requests': '404 403 400 400 400 400',
  'POST /api/v1/groups/{groupId}/training-programmes': '404 403 400 400 400 400',
  'PUT /api/v1/sites/{siteId}/assigned-forces': '404 403 403 400 400 400',
  'DELETE /api/v1/attachments/{attachmentId}': { expect: '', ownFixture: 'test/attachments.e2e-spec.ts' },
  'GET /api/v1/attachments/{attachmentId}': { expect: '', ownFixture: 'test/attachments.e2e-spec.ts' },
  'GET /api/v1/attachments/{attachmentId}/info': { expect: '', ownFixture: 'test/attachments.e2e-spec.ts' },
  'GET /api/v1/attachments/{attachmentId}/thumbnail': {
    expect: '',
    ownFixture: 'test/attachments.e2e-spec.ts',
  },
  'POST /api/v1/{ownerKind}/{ownerId}/attachments': {
    expect: '',
    ownFixture: 'test/attachments.e2e-spec.ts (multipart)',
  },
  'DELETE /api/v1/me/sessions/{id}': { expect: '', ownFixture: 'test/sessions.e2e-spec.ts (ends a session)' },
  'POST /api/v1/me/password': {
    expect: '',
    ownFixture: 'test/sessions.e2e-spec.ts (ends the other sessions)',
  },
  'POST /api/v1/auth/password-reset': {
    expect: '',
    ownFixture: 'test/sessions.e2e-spec.ts (public, throttled)',
  },
  'POST /api/v1/auth/password-reset/confirm': {
    expect: '',
    ownFixture: 'test/sessions.e2e-spec.ts (public, ends every session)',
  },
  'GET /api/v1/documents/{documentId}': { expect: '', ownFixture: 'test/languages.e2e-spec.ts' },
  'PATCH /api/v1/documents/{documentId}': { expect: '', ownFixture: 'test/languages.e2e-spec.ts' },
  'GET /api/v1/translations/{entityType}/{entityId}': {
    expect: '',
    ownFixture: 'test/languages.e2e-spec.ts',
  },
  'GET /api/v1/translations/{entityType}/{entityId}/{locale}': {
    expect: '',
    ownFixture: 'test/languages.e2e-spec.ts',
  },
  'PUT /api/v1/translations/{entityType}/{entityId}/{locale}': {
    expect: '',
    ownFixture: 'test/languages.e2e-spec.ts',
  },
  'GET /api/v1/equipment-requests/{requestId}': {
    expect: '',
    ownFixture: 'test/engagement-equipment.e2e-spec.ts',
  },
  'PATCH /api/v1/equipment-requests/{requestId}': {
    expect: '',
    ownFixture: 'test/engagement-equipment.e2e-spec.ts',
  },
  'POST /api/v1/equipment-requests/{requestId}/assessment': {
    expect: '',
    ownFixture: 'test/engagement-equipment.e2e-spec.ts',
  },
  'POST /api/v1/equipment-requests/{requestId}/decision': {
    expect: '',
    ownFixture: 'test/engagement-equipment.e2e-spec.ts',
  },
  'POST /api/v1/equipment-requests/{requestId}/monitoring': {
    expect: '',
    ownFixture: 'test/engagement-equipment.e2e-spec.ts',
  },
  'POST /api/v1/equipment-requests/{requestId}/status': {
    expect: '',
    ownFixture: 'test/engagement-equipment.e2e-spec.ts',
  },
  'GET /api/v1/training-programmes/{programmeId}': {
    expect: '',
    ownFixture: 'test/engagement-training.e2e-spec.ts',
  },
  'POST /api/v1/training-programmes/{programmeId}/sessions': {
    expect: '',
    ownFixture: 'test/engagement-training.e2e-spec.ts',
  },
  'DELETE /api/v1/affiliations/{affiliationId}': { expect: '404 404 404 404 200 404', fresh: ['memberId'] },
  'DELETE /api/v1/agenda-items/{itemId}': { expect: '404 403 403 200 200 200', fresh: ['itemId'] },
  'DELETE /api/v1/groups/{groupId}/meeting-series/{seriesId}': {
    expect: '404 403 403 403 200 403',
    fresh: ['seriesId'],
  },
  'DELETE /api/v1/groups/{groupId}/members/{memberId}': {
    expect: '404 403 403 403 200 200',
    fresh: ['memberId'],
  },
  'DELETE /api/v1/organisations/{organisationId}/domains/{domain}': '403 403 403 403 404 403',
  'GET /api/v1/agreement-versions/{versionId}': '404 200 200 200 200 200',
  'GET /api/v1/agreement-versions/{versionId}/diff': {
    expect: '404 200 200 200 200 200',
    query: (_w, ids) => ({ against: ids.versionId }),
  },
  'GET /api/v1/agreement-versions/{versionId}/export': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}/legal-references': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}/non-compliance': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}/obligations': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}/review-requests': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}/reviews': '404 200 200 200 200 200',
  'GET /api/v1/agreements/{agreementId}/versions': '404 200 200 200 200 200',
  'GET /api/v1/catalogue/agreement-clauses': '200 200 200 200 200 200',
  'GET /api/v1/dev/mail': '200 200 200 200 200 200',
  'GET /api/v1/groups': '200 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/agreements': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/agreements/indicators': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/audit': '404 403 403 403 200 200',
  'GET /api/v1/groups/{groupId}/calendar.ics': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/co-chairs': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/events': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/incidents': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/meeting-series': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/meeting-series/{seriesId}': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/meetings': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/minutes': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/members': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/non-compliance': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/recommendations': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/recommendations/summary': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/sites': '404 200 200 200 200 200',
  'GET /api/v1/groups/{groupId}/stakeholder-map': '404 200 200 200 200 200',
  'GET /api/v1/incidents/{incidentId}': '404 200 404 200 404 404',
  // The observer is of the reporting organisation: it may read the incident, not who read it.
  'GET /api/v1/incidents/{incidentId}/access-log': '404 403 404 200 404 404',
  'GET /api/v1/incidents/{incidentId}/updates': '404 200 404 200 404 404',
  'GET /api/v1/me': '200 200 200 200 200 200',
  'GET /api/v1/me/affiliations': '200 200 200 200 200 200',
  'GET /api/v1/me/calendar-token': '200 200 200 200 200 200',
  'GET /api/v1/me/invitations': '200 200 200 200 200 200',
  'GET /api/v1/me/notifications': '200 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/agenda': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/attendance': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/calendar.ics': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/minutes': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/minutes/comments': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/minutes/export': '404 200 200 200 200 200',
  'GET /api/v1/meetings/{meetingId}/minutes/revisions': '404 200 200 200 200 200',
  'GET /api/v1/non-compliance/{reportId}': '404 404 404 404 404 404',
  'GET /api/v1/obligations/{obligationId}': '404 404 404 404 404 404',
  'GET /api/v1/organisations': '200 200 200 200 200 200',
  'GET /api/v1/organisations/{organisationId}': '200 200 200 200 200 200',
  'GET /api/v1/organisations/{organisationId}/affiliations': '403 403 403 403 200 403',
  'GET /api/v1/organisations/{organisationId}/domains': '403 403 403 403 200 403',
  'GET /api/v1/organisations/{organisationId}/memberships': '403 403 403 403 200 403',
  'GET /api/v1/recommendations/{recommendationId}': '404 200 200 200 200 200',
  'GET /api/v1/sites/{siteId}': '404 200 200 200 200 200',
  'GET /health': '200 200 200 200 200 200',
  'GET /metrics': '200 200 200 200 200 200',
  'PATCH /api/v1/affiliations/{affiliationId}': {
    expect: '404 404 404 404 200 404',
    fresh: ['memberId'],
    body: () => ({ role: 'admin' }),
  },
  'PATCH /api/v1/agenda-items/{itemId}': {
    expect: '404 403 403 200 200 200',
    fresh: ['itemId'],
    body: () => ({ title: 'Renamed item' }),
  },
  'PATCH /api/v1/agreements/{agreementId}': {
    expect: '404 403 403 200 403 403',
    fresh: ['agreementId'],
    body: () => ({ title: 'Renamed MoU' }),
  },
  'PATCH /api/v1/groups/{groupId}': '404 403 403 403 200 200',
  'PATCH /api/v1/groups/{groupId}/meeting-series/{seriesId}': {
    expect: '404 403 403 403 200 403',
    fresh: ['seriesId'],
    body: () => ({ title: 'Renamed series' }),
  },
  'PATCH /api/v1/groups/{groupId}/members/{memberId}': {
    expect: '404 403 403 403 200 200',
    fresh: ['memberId'],
    body: () => ({ role: 'observer' }),
  },
  'PATCH /api/v1/incidents/{incidentId}': {
    expect: '404 403 404 200 404 404',
    fresh: ['incidentId'],
    body: () => ({ title: 'Renamed incident' }),
  },
  'PATCH /api/v1/me': '200 200 200 200 200 200',
  'PATCH /api/v1/meetings/{meetingId}': {
    expect: '404 403 403 403 200 200',
    fresh: ['meetingId'],
    body: () => ({ title: 'Renamed meeting' }),
  },
  'PATCH /api/v1/non-compliance/{reportId}': '404 404 404 404 404 404',
  'PATCH /api/v1/organisations/{organisationId}': '403 403 403 403 200 403',
  'PATCH /api/v1/recommendations/{recommendationId}': {
    expect: '404 403 403 403 200 200',
    fresh: ['recommendationId'],
    body: () => ({ title: 'Renamed' }),
  },
  'PATCH /api/v1/sites/{siteId}': {
    expect: '404 403 403 200 200 200',
    fresh: ['siteId'],
    body: () => ({ region: 'Lualaba' }),
  },
  'POST /api/v1/affiliations/{affiliationId}/approve': '404 404 404 404 409 404',
  'POST /api/v1/affiliations/{affiliationId}/reject': '404 404 404 404 409 404',
  'POST /api/v1/agenda-items/{itemId}/accept': { expect: '404 403 403 403 200 200', fresh: ['itemId'] },
  'POST /api/v1/agenda-items/{itemId}/defer': { expect: '404 403 403 403 409 409', fresh: ['itemId'] },
  'POST /api/v1/agenda-items/{itemId}/reject': { expect: '404 403 403 403 200 200', fresh: ['itemId'] },
  'POST /api/v1/agreement-versions/{versionId}/accept': '404 403 403 409 403 403',
  'POST /api/v1/agreement-versions/{versionId}/propose': {
    expect: '404 403 403 200 403 403',
    fresh: ['agreementId'],
  },
  'POST /api/v1/agreement-versions/{versionId}/signatures': '404 403 403 409 403 403',
  'POST /api/v1/agreements/{agreementId}/legal-references': '404 403 403 201 403 403',
  'POST /api/v1/agreements/{agreementId}/non-compliance': '404 403 409 409 409 409',
  'POST /api/v1/agreements/{agreementId}/obligations': {
    expect: '404 403 403 201 403 403',
    body: (w) => ({ clauseKey: 'd', title: 'Train the officers', responsibleOrganisationId: w.orgs.police }),
  },
  'POST /api/v1/agreements/{agreementId}/review-requests': '404 403 403 409 403 403',
  'POST /api/v1/agreements/{agreementId}/reviews': '404 403 403 409 403 403',
  'POST /api/v1/agreements/{agreementId}/status': '404 403 403 409 403 403',
  'POST /api/v1/agreements/{agreementId}/versions': {
    expect: '404 403 403 409 403 403',
    fresh: ['agreementId'],
    body: () => ({ basedOnVersion: 1, changeSummary: 'Review' }),
  },
  'POST /api/v1/auth/login': {
    expect: '200 200 200 200 200 200',
    body: (w, _ids, role) => ({ email: w.users[role].email, password: PASSWORD }),
  },
  // Logout now ends the session (its access token stops working), which would sign the world's
  // users out for every route after it.
  'POST /api/v1/auth/logout': {
    expect: '204 204 204 204 204 204',
    ownFixture: 'test/sessions.e2e-spec.ts (ends the session)',
  },
  'POST /api/v1/auth/refresh': '401 401 401 401 401 401',
  'POST /api/v1/auth/register': '201 409 409 409 409 409',
  'POST /api/v1/auth/verify-email': '400 400 400 400 400 400',
  'POST /api/v1/groups': {
    expect: '403 403 403 403 201 403',
    body: (w) => ({ name: 'Matrix group', organisationId: w.orgs.host, timezone: 'Africa/Lubumbashi' }),
  },
  'POST /api/v1/groups/{groupId}/agreements': {
    expect: '404 403 400 201 400 400',
    body: (w) => ({
      title: 'Matrix MoU',
      kind: 'mou',
      level: 'national',
      parties: [
        { organisationId: w.orgs.mine, role: 'company' },
        { organisationId: w.orgs.police, role: 'public_security' },
      ],
      visibility: 'group',
      templateKey: 'dcaf-2.3',
      sourceLocale: 'en',
      reviewIntervalMonths: 12,
    }),
  },
  'POST /api/v1/groups/{groupId}/archive': { expect: '404 403 403 403 200 403', fresh: ['groupId'] },
  'POST /api/v1/groups/{groupId}/co-chairs': {
    expect: '404 403 403 403 201 201',
    fresh: ['groupId', 'memberId'],
    body: (_w, ids) => ({ memberId: ids.memberId, constituency: 'company' }),
  },
  'POST /api/v1/groups/{groupId}/co-chairs/{termId}/end': {
    expect: '404 403 403 403 200 200',
    fresh: ['groupId', 'termId'],
  },
  'POST /api/v1/groups/{groupId}/incidents': {
    expect: '404 403 201 201 201 201',
    body: () => incidentBody(),
  },
  'POST /api/v1/groups/{groupId}/meeting-series': {
    expect: '404 403 403 403 201 403',
    body: () => ({
      title: 'Matrix series',
      rrule: 'FREQ=MONTHLY;BYDAY=1TU',
      startDate: '2031-01-07',
      startTime: '10:00',
      timezone: 'Africa/Lubumbashi',
      durationMinutes: 60,
    }),
  },
  'POST /api/v1/groups/{groupId}/meetings': {
    expect: '404 403 403 403 201 201',
    body: () => ({
      title: 'Matrix meeting',
      startsAt: '2031-05-04T08:00:00.000Z',
      endsAt: '2031-05-04T10:00:00.000Z',
    }),
  },
  'POST /api/v1/groups/{groupId}/members': {
    expect: '404 403 403 403 201 201',
    body: (w, _ids, role) => ({
      email: `matrix.${role}.${Math.random().toString(36).slice(2, 8)}@example.org`,
      organisationId: w.orgs.local,
      role: 'member',
    }),
  },
  'POST /api/v1/groups/{groupId}/recommendations': {
    expect: '404 403 403 403 201 201',
    body: (w) => ({
      title: 'Matrix recommendation',
      responsibleOrganisationIds: [w.orgs.mine],
      dueDate: '2031-03-31',
      priority: 'low',
    }),
  },
  'POST /api/v1/groups/{groupId}/sites': {
    expect: '404 403 403 201 201 201',
    body: (w) => ({
      name: `Matrix site ${Math.random().toString(36).slice(2, 8)}`,
      kind: 'mine',
      operatorOrganisationId: w.orgs.mine,
      publicSecurityPresent: false,
    }),
  },
  'POST /api/v1/groups/{groupId}/unarchive': { expect: '404 403 403 403 409 403', fresh: ['groupId'] },
  'POST /api/v1/incidents/{incidentId}/updates': '404 403 404 201 404 404',
  'POST /api/v1/me/affiliations/{affiliationId}/accept': '404 404 404 404 404 404',
  'POST /api/v1/me/affiliations/{affiliationId}/decline': '404 404 404 404 404 404',
  'POST /api/v1/me/email-verification': '202 202 202 202 202 202',
  'POST /api/v1/me/invitations/{membershipId}/accept': '404 404 404 404 404 404',
  'POST /api/v1/me/invitations/{membershipId}/decline': '404 404 404 404 404 404',
  'POST /api/v1/me/notifications/{id}/read': '404 404 404 404 404 404',
  'POST /api/v1/meetings/{meetingId}/agenda/items': '404 403 201 201 201 201',
  'POST /api/v1/meetings/{meetingId}/agenda/publish': {
    expect: '404 403 403 403 200 200',
    fresh: ['meetingId'],
  },
  'POST /api/v1/meetings/{meetingId}/cancel': { expect: '404 403 403 403 200 200', fresh: ['meetingId'] },
  'POST /api/v1/meetings/{meetingId}/minutes/approve': {
    expect: '404 403 403 403 403 409',
    fresh: ['meetingId'],
  },
  'POST /api/v1/meetings/{meetingId}/minutes/circulate': {
    expect: '404 403 403 403 409 403',
    fresh: ['meetingId'],
  },
  'POST /api/v1/meetings/{meetingId}/minutes/comments': '404 403 409 409 409 409',
  'POST /api/v1/non-compliance/{reportId}/status': '404 404 404 404 404 404',
  'POST /api/v1/obligations/{obligationId}/progress': '404 404 404 404 404 404',
  'POST /api/v1/organisations': '201 409 409 409 409 409',
  'POST /api/v1/organisations/{organisationId}/affiliation-requests': {
    expect: '201 409 201 409 409 201',
    body: () => ({}),
  },
  'POST /api/v1/organisations/{organisationId}/affiliations': '403 403 403 403 201 403',
  'POST /api/v1/organisations/{organisationId}/domains': '403 403 403 403 201 403',
  'POST /api/v1/organisations/{organisationId}/memberships/{membershipId}/approve': '403 403 403 403 404 403',
  'POST /api/v1/organisations/{organisationId}/memberships/{membershipId}/reject': '403 403 403 403 404 403',
  'POST /api/v1/recommendations/{recommendationId}/impact': {
    expect: '404 403 403 403 403 409',
    fresh: ['recommendationId'],
  },
  'POST /api/v1/recommendations/{recommendationId}/progress': '404 403 403 201 201 201',
  'PUT /api/v1/agreement-versions/{versionId}': {
    expect: '404 403 403 200 403 403',
    fresh: ['agreementId'],
    body: () => ({
      clauses: [{ key: 'c', heading: 'Vetting', body: 'Officers are vetted.' }],
      expectedRevision: 1,
    }),
  },
  'PUT /api/v1/meetings/{meetingId}/agenda/order': {
    expect: '404 403 403 403 400 400',
    fresh: ['meetingId', 'itemId'],
    body: (_w, ids) => ({ itemIds: [ids.itemId] }),
  },
  'PUT /api/v1/meetings/{meetingId}/attendance': { expect: '404 403 403 403 409 403', fresh: ['meetingId'] },
  'PUT /api/v1/meetings/{meetingId}/minutes': { expect: '404 403 403 403 200 200', fresh: ['meetingId'] },
  'PUT /api/v1/meetings/{meetingId}/rsvp': {
    expect: '404 200 200 200 200 200',
    body: () => ({ response: 'yes' }),
  },
  'PUT /api/v1/organisations/{organisationId}/verification': '403 403 403 403 403 403',
};
