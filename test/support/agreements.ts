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

// Proposes a draft (by the first party) and has every party accept it, each through one of its members.
export async function agreeVersion(t: TestApp, w: AgreementWorld, versionId: string): Promise<void> {
  const orgs: string[] = (
    await t.ds.query(
      `SELECT p.organisation_id FROM agreement_parties p JOIN agreement_versions v ON v.agreement_id = p.agreement_id
       WHERE v.id = $1 ORDER BY p.position`,
      [versionId],
    )
  ).map((r: { organisation_id: string }) => r.organisation_id);
  const members: Record<string, TestUser> = {
    [w.orgs.mine]: w.mine,
    [w.orgs.police]: w.police,
    [w.orgs.local]: w.local,
    [w.orgs.ngo]: w.ngo,
  };
  const steps: [TestUser, string][] = [
    [w.mine, 'propose'],
    ...orgs.map((o): [TestUser, string] => [members[o], 'accept']),
  ];
  for (const [by, path] of steps) {
    const res = await t.api().post(`/api/v1/agreement-versions/${versionId}/${path}`).set(by.auth);
    if (res.status !== 200) throw new Error(`${path} failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
}

// An agreement in force today: created, agreed, signed, and put in force by the platform's job.
export async function agreementInForce(
  t: TestApp,
  w: AgreementWorld,
  run: (agreementId: string) => Promise<unknown>,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; versionId: string }> {
  const a = await createAgreement(t, w, w.mine, { effectiveFrom: '2020-01-01', ...extra });
  await agreeVersion(t, w, a.body.currentVersion.id);
  await signAll(t, w, a.body.currentVersion.id, '2020-01-01');
  await run(a.id);
  return { id: a.id, versionId: a.body.currentVersion.id };
}

export async function todayIn(t: TestApp, timezone = 'Africa/Lubumbashi'): Promise<string> {
  return (await t.ds.query(`SELECT to_char((now() AT TIME ZONE $1)::date, 'YYYY-MM-DD') AS d`, [timezone]))[0]
    .d;
}

export function addDays(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}

export function addMonths(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + n);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d.toISOString().slice(0, 10);
}

// Records the signature of every party whose signature is required, each by one of its members.
export async function signAll(
  t: TestApp,
  w: AgreementWorld,
  versionId: string,
  signedOn: string,
): Promise<void> {
  const parties: { id: string; organisation_id: string }[] = await t.ds.query(
    `SELECT p.id, p.organisation_id FROM agreement_parties p JOIN agreement_versions v ON v.agreement_id = p.agreement_id
     WHERE v.id = $1 AND p.signature_required ORDER BY p.position`,
    [versionId],
  );
  for (const party of parties) {
    const res = await t
      .api()
      .post(`/api/v1/agreement-versions/${versionId}/signatures`)
      .set(memberOf(w, party.organisation_id).auth)
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

// A (non-observer) member of one of the world's organisations.
export function memberOf(w: AgreementWorld, organisationId: string): TestUser {
  const members: Record<string, TestUser> = {
    [w.orgs.mine]: w.mine,
    [w.orgs.police]: w.police,
    [w.orgs.local]: w.local,
    [w.orgs.ngo]: w.ngo,
    [w.orgs.host]: w.focal,
  };
  return members[organisationId];
}
