import { useParams } from '@tanstack/react-router';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { Dialog, FormError, QueryState, Section, SelectField, TextField } from '@/components';
import { ORGANISATION_KINDS } from '@/features/organisations';
import {
  canManage,
  ROLES,
  useEndMembership,
  useGroup,
  useMembers,
  useUpdateMember,
  type Member,
  type MemberStatus,
  type Role,
} from './api';
import { InviteDialog } from './invite-dialog';

const STATUS_FILTERS: readonly MemberStatus[] = ['active', 'invited', 'all'];

// Members grouped by organisation (with its kind), filterable by kind; invitations still open.
export function MembersPage() {
  const { t } = useTranslation('groups');
  const { groupId } = useParams({ from: '/app/groups/$groupId/members' });
  const group = useGroup(groupId);
  const [kind, setKind] = useState('');
  const [status, setStatus] = useState<MemberStatus>('active');
  const members = useMembers(groupId, { organisationKind: kind || undefined, status });
  const manage = canManage(group.data);

  return (
    <Section
      title={t('members.title')}
      id="group-members"
      actions={manage ? <InviteDialog groupId={groupId} /> : null}
    >
      <div className="filters">
        <SelectField
          label={t('members.filterKind')}
          value={kind}
          onChange={(e) => setKind(e.target.value)}
          options={[
            { value: '', label: t('members.allKinds') },
            ...ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`common:kind.${k}`) })),
          ]}
        />
        <SelectField
          label={t('members.filterStatus')}
          value={status}
          onChange={(e) => setStatus(e.target.value as MemberStatus)}
          options={STATUS_FILTERS.map((s) => ({ value: s, label: t(`members.status.${s}`) }))}
        />
      </div>
      <QueryState query={members}>
        {(page: Schemas['MemberPageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('members.none')}</p>
          ) : (
            byOrganisation(page.items).map(([org, list]) => (
              <section key={org.id} className="card organisation-block" aria-labelledby={`org-${org.id}`}>
                <h3 id={`org-${org.id}`}>
                  {org.name} <span className="badge">{t(`common:kind.${org.kind}`)}</span>
                </h3>
                <ul className="member-list">
                  {list.map((m) => (
                    <MemberRow key={m.id} groupId={groupId} member={m} manage={manage} />
                  ))}
                </ul>
              </section>
            ))
          )
        }
      </QueryState>
    </Section>
  );
}

function byOrganisation(members: Member[]): [Member['organisation'], Member[]][] {
  const groups = new Map<string, [Member['organisation'], Member[]]>();
  for (const m of members) {
    const entry = groups.get(m.organisation.id) ?? [m.organisation, []];
    entry[1].push(m);
    groups.set(m.organisation.id, entry);
  }
  return [...groups.values()].sort((a, b) => a[0].name.localeCompare(b[0].name));
}

function MemberRow({ groupId, member, manage }: { groupId: string; member: Member; manage: boolean }) {
  const { t } = useTranslation('groups');
  const update = useUpdateMember(groupId);
  const id = useId();
  const name = member.displayName || member.email || '';
  const editable = manage && (member.status === 'active' || member.status === 'invited');
  return (
    <li className="member" data-testid="member">
      <div className="member-who">
        <span className="member-name">{name}</span>
        {member.displayName ? <span className="muted small">{member.email}</span> : null}
        <span className="member-badges">
          {member.isCoChair ? <span className="badge badge--accent">{t('coChairs.badge')}</span> : null}
          {member.isContactPoint ? <span className="badge">{t('members.contactPoint')}</span> : null}
          {member.status !== 'active' ? (
            <span className="badge badge--muted">{t(`members.status.${member.status}`)}</span>
          ) : null}
        </span>
      </div>
      {editable ? (
        <div className="member-controls">
          <label htmlFor={`${id}-role`} className="visually-hidden">
            {t('members.roleOf', { name })}
          </label>
          <select
            id={`${id}-role`}
            value={member.role}
            disabled={update.isPending}
            onChange={(e) => update.mutate({ memberId: member.id, role: e.target.value as Role })}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`common:role.${r}`)}
              </option>
            ))}
          </select>
          <span className="field--checkbox">
            <input
              id={`${id}-cp`}
              type="checkbox"
              checked={member.isContactPoint}
              disabled={update.isPending}
              onChange={(e) => update.mutate({ memberId: member.id, isContactPoint: e.target.checked })}
            />
            <label htmlFor={`${id}-cp`}>{t('members.contactPointOf', { name })}</label>
          </span>
          <EndMembershipDialog groupId={groupId} member={member} name={name} />
          <FormError message={update.error ? describeProblem(update.error, t).message : null} />
        </div>
      ) : (
        <span className="member-role">{t(`common:role.${member.role}`)}</span>
      )}
    </li>
  );
}

function EndMembershipDialog({ groupId, member, name }: { groupId: string; member: Member; name: string }) {
  const { t } = useTranslation('groups');
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const end = useEndMembership(groupId);
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      title={t('members.endTitle', { name })}
      description={t('members.endDescription')}
      trigger={
        <button type="button" className="button button--danger-quiet">
          {t('members.end', { name })}
        </button>
      }
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          end.mutate({ memberId: member.id, reason }, { onSuccess: () => setOpen(false) });
        }}
      >
        <FormError message={end.error ? describeProblem(end.error, t).message : null} />
        <TextField
          label={t('members.endReason')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={500}
        />
        <button type="submit" className="button button--danger" disabled={end.isPending}>
          {t('members.endConfirm')}
        </button>
      </form>
    </Dialog>
  );
}
