import 'reflect-metadata';
import { ConfigError } from '@roundtable/core';
import { MeetingMaterialiser } from '@roundtable/domain';
import { Client } from 'pg';
import { bootstrapApi } from '../apps/api/src/main';
import { bootstrapWorker } from '../apps/worker/src/main';
import { preflight } from './preflight';

// `npm run demo`: fills the configured database with a Lubumbashi-like working group, through the
// public API of an API and a worker started in this process on an ephemeral port, so every rule
// of the platform applies to the demo data too. Idempotent: when the demo group exists it only
// prints the accounts again.

export const DEMO_PASSWORD = 'roundtable demo 2026';
const GROUP_NAME = 'Groupe de travail sécurité et droits humains — Lubumbashi (démo)';
const ZONE = 'Africa/Lubumbashi';
const DAY = 86_400_000;

export interface Person {
  key: string;
  name: string;
  email: string;
  locale: string;
  org: { name: string; kind: string; country?: string; vpsParticipant?: boolean };
  role: 'focal_point' | 'member' | 'observer';
  note: string;
}

export const DEMO_PEOPLE: Person[] = [
  {
    key: 'focal',
    name: 'Esther Mwamba',
    email: 'esther.mwamba@okdh.example',
    locale: 'fr',
    org: { name: 'Observatoire katangais des droits humains', kind: 'civil_society', country: 'CD' },
    role: 'focal_point',
    note: 'focal point: schedules meetings, builds agendas, drafts minutes',
  },
  {
    key: 'company',
    name: 'Jean-Pierre Ilunga',
    email: 'jp.ilunga@kasulo-mining.example',
    locale: 'fr',
    org: { name: 'Kasulo Mining SA', kind: 'company', country: 'CD', vpsParticipant: true },
    role: 'member',
    note: 'company co-chair (security manager)',
  },
  {
    key: 'ngo',
    name: 'Grace Mutombo',
    email: 'grace.mutombo@justice-katanga.example',
    locale: 'sw',
    org: { name: 'Justice pour tous Katanga', kind: 'civil_society', country: 'CD' },
    role: 'member',
    note: 'civil-society co-chair; reports restricted incidents',
  },
  {
    key: 'police',
    name: 'Joseph Mulumba',
    email: 'joseph.mulumba@pnc-hautkatanga.example',
    locale: 'fr',
    org: { name: 'Police nationale congolaise — Haut-Katanga', kind: 'public_security', country: 'CD' },
    role: 'member',
    note: 'public security member',
  },
  {
    key: 'company2',
    name: 'Sarah Thompson',
    email: 'sarah.thompson@lualaba-copper.example',
    locale: 'en',
    org: { name: 'Lualaba Copper Corporation', kind: 'company', country: 'CD', vpsParticipant: true },
    role: 'member',
    note: 'second company',
  },
  {
    key: 'guards',
    name: 'Patrick Kalenga',
    email: 'patrick.kalenga@garde-sure.example',
    locale: 'fr',
    org: { name: 'Garde Sûre SARL', kind: 'private_security_provider', country: 'CD' },
    role: 'member',
    note: 'private security provider',
  },
  {
    key: 'mines',
    name: 'Béatrice Ngoy',
    email: 'beatrice.ngoy@mines-hautkatanga.example',
    locale: 'fr',
    org: { name: 'Division provinciale des mines du Haut-Katanga', kind: 'host_government', country: 'CD' },
    role: 'member',
    note: 'host government',
  },
  {
    key: 'mayor',
    name: 'Dieudonné Kabeya',
    email: 'd.kabeya@mairie-kasulo.example',
    locale: 'fr',
    org: { name: 'Mairie de Kasulo', kind: 'local_authority', country: 'CD' },
    role: 'member',
    note: 'local authority',
  },
  {
    key: 'community',
    name: 'Mama Odette Kyungu',
    email: 'odette.kyungu@riverains-kasulo.example',
    locale: 'sw',
    org: { name: 'Comité des riverains de Kasulo', kind: 'community', country: 'CD' },
    role: 'member',
    note: 'community leader',
  },
  {
    key: 'women',
    name: 'Chantal Banza',
    email: 'chantal.banza@femmes-kasulo.example',
    locale: 'sw',
    org: { name: 'Réseau des femmes de Kasulo', kind: 'womens_group', country: 'CD' },
    role: 'member',
    note: "women's network",
  },
  {
    key: 'indigenous',
    name: 'Albert Mbuyu',
    email: 'albert.mbuyu@batwa-katanga.example',
    locale: 'sw',
    org: { name: 'Communauté batwa du Haut-Katanga', kind: 'indigenous_peoples', country: 'CD' },
    role: 'member',
    note: "indigenous peoples' representative",
  },
  {
    key: 'un',
    name: 'Ingrid Solberg',
    email: 'ingrid.solberg@ujhro.example',
    locale: 'en',
    org: {
      name: 'Bureau conjoint des Nations Unies aux droits de l’homme',
      kind: 'international_organisation',
    },
    role: 'observer',
    note: 'international organisation (observer)',
  },
  {
    key: 'embassy',
    name: 'Tom de Vries',
    email: 'tom.devries@embassy-norland.example',
    locale: 'en',
    org: { name: 'Embassy of Norland (VPs government)', kind: 'home_government' },
    role: 'observer',
    note: 'home government (observer)',
  },
];

class DemoError extends Error {}

interface Account {
  person: Person;
  userId: string;
  token: string;
  orgId: string;
  memberId?: string;
}

type Json = Record<string, unknown> & { id?: string };

class Api {
  constructor(readonly base: string) {}

  async call<T = Json>(
    method: string,
    path: string,
    token: string | null,
    body?: unknown,
    ok = [200, 201, 202, 204],
  ): Promise<T> {
    const res = await fetch(`${this.base}/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    const parsed = text ? (JSON.parse(text) as T) : (undefined as T);
    if (!ok.includes(res.status)) {
      throw new DemoError(`${method} ${path} → ${res.status}: ${text.slice(0, 400)}`);
    }
    return parsed;
  }
}

function dayIso(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

function printAccounts(base: string): void {
  console.log(`\nDemo working group: "${GROUP_NAME}"`);
  console.log(`Sign in at ${base}/ with any of these accounts (password: "${DEMO_PASSWORD}"):\n`);
  for (const p of DEMO_PEOPLE) console.log(`  ${p.email.padEnd(42)} ${p.name} — ${p.note} [${p.locale}]`);
  console.log('');
}

async function accountFor(api: Api, db: Queryable, p: Person): Promise<Account> {
  const reg = await fetch(`${api.base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: p.email, password: DEMO_PASSWORD, displayName: p.name }),
  });
  if (reg.status !== 201 && reg.status !== 409) throw new DemoError(`register ${p.email} → ${reg.status}`);
  // Demo accounts are confirmed directly: there is no mailbox behind example addresses.
  await db.query(
    `UPDATE users SET email_verified_at = coalesce(email_verified_at, now()) WHERE lower(email) = lower($1)`,
    [p.email],
  );
  const login = await api.call<{ accessToken: string }>('POST', '/auth/login', null, {
    email: p.email,
    password: DEMO_PASSWORD,
  });
  const token = login.accessToken;
  const me = await api.call<{ id: string }>('PATCH', '/me', token, { locale: p.locale, timeZone: ZONE });
  const found = await api.call<{ items: { id: string; name: string }[] }>(
    'GET',
    `/organisations?q=${encodeURIComponent(p.org.name)}`,
    token,
  );
  let orgId = found.items.find((o) => o.name === p.org.name)?.id;
  if (!orgId) orgId = (await api.call<{ id: string }>('POST', '/organisations', token, p.org)).id;
  return { person: p, userId: me.id, token, orgId };
}

// Demo data needs no more than a query function: a pg Client or a TypeORM DataSource.
export interface Queryable {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

export async function demoGroupId(db: Queryable): Promise<string | undefined> {
  const res = (await db.query(`SELECT id FROM groups WHERE name = $1`, [GROUP_NAME])) as
    { rows: { id: string }[] } | { id: string }[];
  const rows = Array.isArray(res) ? res : res.rows;
  return rows[0]?.id;
}

export async function seedDemo(
  baseUrl: string,
  db: Queryable,
  materialiser: MeetingMaterialiser,
): Promise<string> {
  return seed(new Api(baseUrl), db, materialiser);
}

async function seed(api: Api, db: Queryable, materialiser: MeetingMaterialiser): Promise<string> {
  const accounts: Record<string, Account> = {};
  for (const p of DEMO_PEOPLE) accounts[p.key] = await accountFor(api, db, p);
  const a = (k: string) => accounts[k];
  const focal = a('focal');

  const group = await api.call('POST', '/groups', focal.token, {
    name: GROUP_NAME,
    organisationId: focal.orgId,
    timezone: ZONE,
    region: 'Haut-Katanga, RDC',
    languages: ['fr', 'sw', 'en'],
    description:
      'Réunion mensuelle des entreprises, des forces de sécurité publique, des autorités, de la société civile et des communautés autour des Principes volontaires.',
  });
  const groupId = group.id as string;

  // Members, each invited as the organisation they speak for, then accepting.
  for (const p of DEMO_PEOPLE.filter((x) => x.key !== 'focal')) {
    await api.call('POST', `/groups/${groupId}/members`, focal.token, {
      email: p.email,
      organisationId: a(p.key).orgId,
      role: p.role,
      isContactPoint: true,
    });
    const inv = await api.call<{ items: { id: string; groupId: string }[] }>(
      'GET',
      '/me/invitations',
      a(p.key).token,
    );
    const mine = inv.items.find((i) => i.groupId === groupId);
    if (!mine) throw new DemoError(`no invitation for ${p.email}`);
    await api.call('POST', `/me/invitations/${mine.id}/accept`, a(p.key).token);
  }
  const members = await api.call<{ items: { id: string; userId: string }[] }>(
    'GET',
    `/groups/${groupId}/members?limit=100`,
    focal.token,
  );
  for (const acc of Object.values(accounts))
    acc.memberId = members.items.find((m) => m.userId === acc.userId)?.id;

  await api.call('POST', `/groups/${groupId}/co-chairs`, focal.token, {
    memberId: a('company').memberId,
    constituency: 'company',
  });
  await api.call('POST', `/groups/${groupId}/co-chairs`, focal.token, {
    memberId: a('ngo').memberId,
    constituency: 'civil_society',
  });

  // The monthly series — first Tuesday, 10:00 in Lubumbashi — with three past meetings.
  const series = await api.call('POST', `/groups/${groupId}/meeting-series`, focal.token, {
    title: 'Réunion mensuelle du groupe de travail',
    rrule: 'FREQ=MONTHLY;BYDAY=1TU',
    startDate: dayIso(-130),
    startTime: '10:00',
    timezone: ZONE,
    durationMinutes: 150,
    location: 'Salle de conférence, Hôtel Karavia, Lubumbashi',
    horizonDays: 120,
  });
  await materialiser.materialise(series.id as string, new Date(Date.now() - 100 * DAY));
  await materialiser.materialise(series.id as string);
  const meetings = await api.call<{ items: { id: string; startsAt: string; endsAt: string }[] }>(
    'GET',
    `/groups/${groupId}/meetings?from=${new Date(Date.now() - 120 * DAY).toISOString()}&limit=50`,
    focal.token,
  );
  const sorted = [...meetings.items].sort((x, y) => x.startsAt.localeCompare(y.startsAt));
  const past = sorted.filter((m) => Date.parse(m.endsAt) < Date.now());
  const upcoming = sorted.filter((m) => Date.parse(m.startsAt) > Date.now());
  if (past.length < 2 || upcoming.length < 1)
    throw new DemoError(
      `expected past and upcoming meetings, got ${past.length} past and ${upcoming.length} upcoming`,
    );

  // Incidents of both confidentialities.
  const incidents: Record<string, string> = {};
  const report = async (key: string, by: string, body: Json) => {
    incidents[key] = (await api.call('POST', `/groups/${groupId}/incidents`, a(by).token, body)).id as string;
  };
  await report('blockade', 'company', {
    title: 'Barrage routier à la barrière de Kasulo',
    description:
      'Environ deux cents riverains ont bloqué la route d’accès pour protester contre la poussière et l’absence d’embauche locale. La police est intervenue sans usage de la force.',
    occurredAt: new Date(Date.now() - 75 * DAY).toISOString(),
    location: { name: 'Barrière de Kasulo', lat: -11.62, lng: 27.45 },
    category: 'community_protest',
    severity: 'medium',
    actors: ['riverains', 'PNC'],
    confidentiality: 'group',
  });
  await report('artisanal', 'mayor', {
    title: 'Creuseurs artisanaux délogés de la concession',
    description:
      'Des gardes ont délogé une trentaine de creuseurs; deux blessés légers ont été soignés au centre de santé.',
    occurredAt: new Date(Date.now() - 40 * DAY).toISOString(),
    location: { name: 'Concession de Kasulo, secteur nord', lat: -11.6, lng: 27.43 },
    category: 'artisanal_mining',
    severity: 'high',
    actors: ['Garde Sûre SARL', 'creuseurs'],
    casualties: { injured: 2, killed: 0 },
    confidentiality: 'group',
  });
  await report('detention', 'ngo', {
    title: 'Détention d’un témoin après la manifestation',
    description:
      'Un témoin du barrage a été détenu 48 heures sans notification à sa famille. Identité et coordonnées connues de l’ONG uniquement.',
    occurredAt: new Date(Date.now() - 20 * DAY).toISOString(),
    location: { name: 'Lubumbashi, commune Annexe' },
    category: 'arrest_or_detention',
    severity: 'critical',
    allegedHumanRightsAbuse: true,
    confidentiality: 'restricted',
    sharedWithOrganisationIds: [a('company').orgId],
  });
  await report('anonymous', 'women', {
    title: 'Harcèlement de femmes au point de contrôle',
    description:
      'Des femmes vendeuses rapportent des fouilles humiliantes au point de contrôle de la route de Likasi.',
    occurredAt: new Date(Date.now() - 10 * DAY).toISOString(),
    location: { name: 'Point de contrôle, route de Likasi' },
    category: 'use_of_force_public_security',
    severity: 'high',
    allegedHumanRightsAbuse: true,
    confidentiality: 'group',
    anonymous: true,
  });
  await api.call('POST', `/incidents/${incidents.blockade}/updates`, a('company').token, {
    body: 'Dialogue ouvert avec le comité des riverains; arrosage de la route deux fois par jour depuis lundi.',
    status: 'monitoring',
  });
  await api.call('POST', `/incidents/${incidents.detention}/updates`, a('ngo').token, {
    body: 'Le témoin a été libéré; l’ONG assure son suivi juridique.',
  });

  // Past meetings: attendance, an agenda, minutes approved by a co-chair who attended.
  const attendees = ['focal', 'company', 'ngo', 'police', 'company2', 'mines', 'community', 'women', 'un'];
  for (const [i, m] of past.entries()) {
    await api.call('PUT', `/meetings/${m.id}/attendance`, focal.token, {
      records: DEMO_PEOPLE.map((p) => ({
        memberId: a(p.key).memberId,
        attended: attendees.includes(p.key) || i % 2 === 0,
      })),
    });
    const items = [
      { title: 'Tour de table des incidents de sécurité', kind: 'incident_roundtable', durationMinutes: 45 },
      { title: 'Suivi des recommandations', kind: 'recommendation_review', durationMinutes: 30 },
      {
        title: 'Formation des forces de sécurité publique affectées aux sites',
        kind: 'presentation',
        durationMinutes: 30,
      },
    ];
    for (const item of items) {
      const created = await api.call('POST', `/meetings/${m.id}/agenda/items`, focal.token, {
        ...item,
        ...(item.kind === 'incident_roundtable' && i === past.length - 1
          ? { incidentIds: [incidents.blockade, incidents.artisanal] }
          : {}),
      });
      if (created.status === 'proposed')
        await api.call('POST', `/agenda-items/${created.id}/accept`, focal.token);
    }
    await api.call('POST', `/meetings/${m.id}/agenda/publish`, focal.token);
    const minutes = await api.call<{ version: number }>('GET', `/meetings/${m.id}/minutes`, focal.token);
    const saved = await api.call<{ version: number }>('PUT', `/meetings/${m.id}/minutes`, focal.token, {
      body:
        `## Ouverture\n\nLa réunion est ouverte à 10 h 05 par les co-présidents.\n\n` +
        `## Incidents\n\nLe barrage de la barrière de Kasulo a été présenté par Kasulo Mining; ` +
        `le comité des riverains demande l’arrosage régulier de la route.\n\n` +
        `## Recommandations\n\nLe tableau de suivi a été passé en revue.\n`,
      keyIssues: ['Poussière et emploi local à Kasulo', 'Délogement des creuseurs artisanaux'],
      decisions: ['Mission conjointe de suivi à la barrière de Kasulo avant la prochaine réunion'],
      expectedVersion: minutes.version,
    });
    await api.call('POST', `/meetings/${m.id}/minutes/circulate`, focal.token);
    await api.call('POST', `/meetings/${m.id}/minutes/comments`, a('community').token, {
      body: 'Merci d’ajouter que les riverains demandent une réunion sur place.',
    });
    if (i < past.length - 1) await api.call('POST', `/meetings/${m.id}/minutes/approve`, a('company').token);
    void saved;
  }

  // The next meeting: RSVPs and a draft agenda with a member's proposal.
  const next = upcoming[0];
  for (const [k, r] of [
    ['company', 'yes'],
    ['ngo', 'yes'],
    ['police', 'maybe'],
    ['community', 'yes'],
    ['embassy', 'no'],
  ] as const)
    await api.call('PUT', `/meetings/${next.id}/rsvp`, a(k).token, { response: r });
  await api.call('POST', `/meetings/${next.id}/agenda/items`, focal.token, {
    title: 'Tour de table des incidents de sécurité',
    kind: 'incident_roundtable',
    durationMinutes: 45,
    incidentIds: [incidents.artisanal, incidents.anonymous],
  });
  await api.call('POST', `/meetings/${next.id}/agenda/items`, a('women').token, {
    title: 'Sécurité des femmes vendeuses aux points de contrôle',
    kind: 'challenge',
    durationMinutes: 20,
  });

  // Recommendations in every status, one overdue.
  const lastPast = past[past.length - 1];
  const rec = async (title: string, orgs: string[], due: number, priority: string) =>
    (
      await api.call('POST', `/groups/${groupId}/recommendations`, focal.token, {
        title,
        responsibleOrganisationIds: orgs.map((k) => a(k).orgId),
        dueDate: dayIso(due),
        priority,
        meetingId: lastPast.id,
      })
    ).id as string;
  const progress = (id: string, by: string, body: Json) =>
    api.call('POST', `/recommendations/${id}/progress`, a(by).token, body);
  const r1 = await rec('Arroser la route d’accès deux fois par jour', ['company'], 30, 'high');
  await progress(r1, 'company', {
    note: 'Camion-citerne affecté depuis lundi.',
    status: 'implemented',
    progress: 100,
  });
  await api.call('POST', `/recommendations/${r1}/impact`, a('ngo').token, {
    rating: 'moderate',
    note: 'Moins de plaintes des riverains; à confirmer en saison sèche.',
  });
  const r2 = await rec(
    'Former les agents de Garde Sûre aux Principes volontaires',
    ['guards', 'company'],
    45,
    'high',
  );
  await progress(r2, 'guards', {
    note: 'Première session tenue pour 24 agents, dont 5 femmes.',
    status: 'in_progress',
    progress: 40,
    evidenceUrls: ['https://example.org/formation-vps-liste-presence.pdf'],
  });
  const r3 = await rec(
    'Notifier les familles dans les 24 heures de toute arrestation',
    ['police'],
    -5,
    'high',
  );
  void r3; // open and overdue
  const r4 = await rec('Publier le mécanisme de plainte en swahili', ['company2'], 20, 'medium');
  await progress(r4, 'company2', {
    note: 'Traduit en swahili; la version en lingala manque.',
    status: 'partially_implemented',
    progress: 70,
  });
  const r5 = await rec('Créer un comité local de suivi des creuseurs', ['mines', 'mayor'], 60, 'low');
  await progress(r5, 'mines', { note: 'Pas de budget provincial cette année.', status: 'not_implemented' });
  const r6 = await rec('Déplacer le point de contrôle hors du marché', ['police', 'mayor'], 15, 'medium');
  await progress(r6, 'mayor', {
    note: 'Remplacée par la recommandation sur les fouilles.',
    status: 'dropped',
  });
  await rec('Organiser une réunion sur place avec les riverains', ['company', 'community'], 25, 'medium');

  // A site and a national MoU with the police (draft, from the template).
  const site = await api.call('POST', `/groups/${groupId}/sites`, a('company').token, {
    name: 'Mine de Kasulo',
    kind: 'mine',
    region: 'Haut-Katanga',
    location: { lat: -11.61, lng: 27.44 },
    operatorOrganisationId: a('company').orgId,
    publicSecurityPresent: true,
  });
  await api.call('POST', `/groups/${groupId}/agreements`, a('company').token, {
    title: 'Protocole d’accord entre Kasulo Mining SA et la PNC — Haut-Katanga',
    kind: 'mou',
    level: 'site',
    visibility: 'group',
    reviewIntervalMonths: 12,
    siteIds: [site.id],
    parties: [
      { organisationId: a('company').orgId, role: 'company' },
      { organisationId: a('police').orgId, role: 'public_security' },
    ],
    templateKey: 'dcaf-2.3',
    sourceLocale: 'fr',
  });
  return groupId;
}

async function main(): Promise<void> {
  process.env.TZ = 'UTC';
  const config = await preflight();
  const db = new Client({ connectionString: config.databaseUrl });
  await db.connect();
  const publicBase = `http://localhost:${config.port}`;
  try {
    if (await demoGroupId(db)) {
      console.log('[demo] the demo group is already there; nothing to add.');
      printAccounts(publicBase);
      return;
    }
    const worker = await bootstrapWorker({ shutdownHooks: false });
    const app = await bootstrapApi(0, { shutdownHooks: false });
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      console.log('[demo] filling the database through the API…');
      await seed(new Api(url), db, worker.get(MeetingMaterialiser, { strict: false }));
      console.log('[demo] done.');
      printAccounts(publicBase);
      console.log('Start the platform with `npm start` (or `npm run start:prod` after a build) and sign in.');
    } finally {
      await app.close().catch(() => undefined);
      await worker.close().catch(() => undefined);
    }
  } finally {
    await db.end();
  }
}

if (require.main === module)
  void main().then(
    () => process.exit(0),
    (e: Error) => {
      const known = e instanceof DemoError || e instanceof ConfigError;
      console.error(known ? `[demo] ${e.message}` : (e.stack ?? e.message));
      process.exit(1);
    },
  );
