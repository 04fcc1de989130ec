import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { FormError, Page, QueryState, Section } from '@/components';
import {
  useAffiliations,
  useDecideAffiliation,
  useDecideMembership,
  useOrganisation,
  useOrganisationMemberships,
} from './api';

type Affiliation = Schemas['AffiliationDto'];
type Membership = Schemas['OrganisationMembershipDto'];

function Requests({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation('organisations');
  const requests = useAffiliations(organisationId, 'requested');
  const decide = useDecideAffiliation(organisationId);
  const problem = decide.error ? describeProblem(decide.error, t) : null;
  return (
    <Section title={t('page.requests', { name })} id="organisation-requests">
      <FormError message={problem?.message} />
      <QueryState query={requests}>
        {(page: Schemas['AffiliationPageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('page.noRequests')}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((a: Affiliation) => (
                <li key={a.id} className="card">
                  <h3>{a.displayName ?? a.email}</h3>
                  <p className="muted small">
                    {a.email}
                    {' · '}
                    {a.emailVerified ? t('page.verified') : t('page.unverified')}
                  </p>
                  {a.message ? <p>{a.message}</p> : null}
                  <span className="button-row">
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={decide.isPending}
                      aria-label={t('page.approveNamed', { person: a.displayName ?? a.email })}
                      onClick={() => decide.mutate({ affiliationId: a.id, approve: true })}
                    >
                      {t('page.approve')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={decide.isPending}
                      aria-label={t('page.declineNamed', { person: a.displayName ?? a.email })}
                      onClick={() => decide.mutate({ affiliationId: a.id, approve: false })}
                    >
                      {t('page.decline')}
                    </button>
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function PendingMemberships({ organisationId }: { organisationId: string }) {
  const { t } = useTranslation('organisations');
  const pending = useOrganisationMemberships(organisationId, 'pending_organisation');
  const decide = useDecideMembership(organisationId);
  const problem = decide.error ? describeProblem(decide.error, t) : null;
  return (
    <Section title={t('page.pendingMemberships')} id="organisation-pending">
      <FormError message={problem?.message} />
      <QueryState query={pending}>
        {(page: Schemas['OrganisationMembershipPageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('page.noPending')}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((m: Membership) => {
                const person = m.displayName ?? m.email ?? '';
                return (
                  <li key={m.id} className="card">
                    <h3>{person}</h3>
                    <p className="muted small">
                      {t('page.membershipLine', { group: m.groupName, role: t(`common:role.${m.role}`) })}
                    </p>
                    <span className="button-row">
                      <button
                        type="button"
                        className="button button--primary"
                        disabled={decide.isPending}
                        aria-label={t('page.approveMembershipNamed', { person, group: m.groupName })}
                        onClick={() => decide.mutate({ membershipId: m.id, approve: true })}
                      >
                        {t('page.approve')}
                      </button>
                      <button
                        type="button"
                        className="button"
                        disabled={decide.isPending}
                        aria-label={t('page.declineMembershipNamed', { person, group: m.groupName })}
                        onClick={() => decide.mutate({ membershipId: m.id, approve: false })}
                      >
                        {t('page.decline')}
                      </button>
                    </span>
                  </li>
                );
              })}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}

function Representatives({ organisationId, name }: { organisationId: string; name: string }) {
  const { t } = useTranslation('organisations');
  const active = useAffiliations(organisationId, 'active');
  return (
    <Section title={t('page.representatives', { name })} id="organisation-people">
      <QueryState query={active}>
        {(page: Schemas['AffiliationPageDto']) => (
          <table className="table">
            <caption className="visually-hidden">{t('page.representativesCaption', { name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('page.person')}</th>
                <th scope="col">{t('page.orgRole')}</th>
                <th scope="col">{t('page.groups')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((a: Affiliation) => {
                const memberships = a.memberships ?? [];
                return (
                  <tr key={a.id}>
                    <td>
                      {a.displayName ?? a.email}
                      <span className="muted small"> {a.email}</span>
                    </td>
                    <td>{t(`page.affiliationRole.${a.role}`)}</td>
                    <td>
                      {memberships.length === 0 ? (
                        <span className="muted">{t('page.noGroups')}</span>
                      ) : (
                        <ul>
                          {memberships.map((m) => (
                            <li key={m.membershipId}>
                              {t('page.membershipStatusLine', {
                                group: m.groupName,
                                role: t(`common:role.${m.role}`),
                                status: t(`page.membershipStatus.${m.status}`),
                              })}
                              {m.isCoChair ? <span className="badge">{t('page.coChair')}</span> : null}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </QueryState>
    </Section>
  );
}

// An organisation's admins: who speaks for it (requests to approve or decline), the group
// memberships waiting for its approval, and every group membership held in its name.
export function OrganisationPage() {
  const { t } = useTranslation('organisations');
  const { organisationId } = useParams({ from: '/app/organisations/$organisationId' });
  const organisation = useOrganisation(organisationId);
  return (
    <QueryState query={organisation}>
      {(o: Schemas['OrganisationDto']) => (
        <Page title={o.name}>
          <p className="muted">
            {t(`common:kind.${o.kind}`)}
            {' · '}
            {o.verified ? t('page.orgVerified') : t('page.orgUnverified')}
          </p>
          <Requests organisationId={o.id} name={o.name} />
          <PendingMemberships organisationId={o.id} />
          <Representatives organisationId={o.id} name={o.name} />
        </Page>
      )}
    </QueryState>
  );
}
