import { addMember, createGroup, createOrganisation, registerUser, TestApp, TestUser } from './test-app';

// A working group with the cast of the agreement tests: a mining company and the police (the
// parties), a local authority and an NGO (members who are not parties; the NGO's member is a
// civil-society co-chair), a company observer, the focal point (an international organisation)
// and an outsider.
export interface AgreementWorld {
  groupId: string;
  focal: TestUser;
  mine: TestUser;
  mineObserver: TestUser;
  police: TestUser;
  local: TestUser;
  ngo: TestUser;
  outsider: TestUser;
  orgs: { host: string; mine: string; police: string; local: string; ngo: string };
}

export async function agreementWorld(t: TestApp): Promise<AgreementWorld> {
  const focal = await registerUser(t, 'focal');
  const [host, mineOrg, policeOrg, localOrg, ngoOrg] = await Promise.all([
    createOrganisation(t, focal, 'international_organisation', 'Host'),
    createOrganisation(t, focal, 'company', 'Kamoto Mining'),
    createOrganisation(t, focal, 'public_security', 'Police des mines'),
    createOrganisation(t, focal, 'local_authority', 'Mairie'),
    createOrganisation(t, focal, 'civil_society', 'Justice Plus'),
  ]);
  const group = await createGroup(t, focal, host.id);
  const [mine, mineObserver, police, local, ngo, outsider] = await Promise.all(
    ['mine', 'mine-observer', 'police', 'local', 'ngo', 'outsider'].map((l) => registerUser(t, l)),
  );
  await addMember(t, group.id, focal, mine, mineOrg.id);
  await addMember(t, group.id, focal, mineObserver, mineOrg.id, 'observer');
  await addMember(t, group.id, focal, police, policeOrg.id);
  await addMember(t, group.id, focal, local, localOrg.id);
  const ngoMembership = await addMember(t, group.id, focal, ngo, ngoOrg.id);
  const appointed = await t
    .api()
    .post(`/api/v1/groups/${group.id}/co-chairs`)
    .set(focal.auth)
    .send({ memberId: ngoMembership, constituency: 'civil_society' });
  if (appointed.status !== 201) throw new Error(`co-chair failed: ${appointed.status}`);
  return {
    groupId: group.id,
    focal,
    mine,
    mineObserver,
    police,
    local,
    ngo,
    outsider,
    orgs: { host: host.id, mine: mineOrg.id, police: policeOrg.id, local: localOrg.id, ngo: ngoOrg.id },
  };
}

export function mouBody(w: AgreementWorld, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    title: 'MoU between Kamoto Mining and the Police des mines',
    kind: 'mou',
    level: 'national',
    parties: [
      { organisationId: w.orgs.mine, role: 'company' },
      { organisationId: w.orgs.police, role: 'public_security', unit: 'Police des mines, Lualaba' },
    ],
    visibility: 'group',
    templateKey: 'dcaf-2.3',
    sourceLocale: 'en',
    reviewIntervalMonths: 12,
    ...extra,
  };
}

export async function createAgreement(
  t: TestApp,
  w: AgreementWorld,
  by: TestUser,
  extra: Record<string, unknown> = {},
): Promise<{
  id: string;
  body: Record<string, unknown> & { currentVersion: { id: string; revision: number } };
}> {
  const res = await t
    .api()
    .post(`/api/v1/groups/${w.groupId}/agreements`)
    .set(by.auth)
    .send(mouBody(w, extra));
  if (res.status !== 201) throw new Error(`agreement failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, body: res.body };
}

// Proposes the current draft and has both parties accept it; returns the agreed version id.
export async function agreeVersion(t: TestApp, w: AgreementWorld, versionId: string): Promise<void> {
  for (const [by, path] of [
    [w.mine, 'propose'],
    [w.mine, 'accept'],
    [w.police, 'accept'],
  ] as const) {
    const res = await t.api().post(`/api/v1/agreement-versions/${versionId}/${path}`).set(by.auth);
    if (res.status !== 200) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

export async function signBoth(
  t: TestApp,
  w: AgreementWorld,
  versionId: string,
  signedOn: string,
): Promise<void> {
  const [agreed] = await t.ds
    .query(
      `SELECT p.id, p.organisation_id FROM agreement_parties p JOIN agreement_versions v ON v.agreement_id = p.agreement_id
     WHERE v.id = $1 ORDER BY p.position`,
      [versionId],
    )
    .then((rows: { id: string; organisation_id: string }[]) => [rows]);
  for (const party of agreed) {
    const by = party.organisation_id === w.orgs.mine ? w.mine : w.police;
    const res = await t
      .api()
      .post(`/api/v1/agreement-versions/${versionId}/signatures`)
      .set(by.auth)
      .send({
        partyId: party.id,
        signatoryName: 'A. Signatory',
        signatoryTitle: 'Director',
        signedOn,
        method: 'wet_ink',
      });
    if (res.status !== 201) throw new Error(`sign failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
