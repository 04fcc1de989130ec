import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { CheckboxField, Dialog, FormError, SelectField, TextField } from '@/components';
import { OrganisationPicker } from '@/features/organisations';
import { ROLES, useInviteMember, type Role } from './api';

export function InviteDialog({ groupId }: { groupId: string }) {
  const { t } = useTranslation('groups');
  const [open, setOpen] = useState(false);
  const invite = useInviteMember(groupId);
  const [email, setEmail] = useState('');
  const [organisationId, setOrganisationId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [contactPoint, setContactPoint] = useState(false);
  const problem = invite.error ? describeProblem(invite.error, t, { 409: 'groups:invite.duplicate' }) : null;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    invite.mutate(
      { email, organisationId, role, isContactPoint: contactPoint },
      {
        onSuccess: () => {
          setOpen(false);
          setEmail('');
          setContactPoint(false);
          invite.reset();
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={invite.reset}
      title={t('invite.title')}
      description={t('invite.description')}
      trigger={
        <button type="button" className="button button--primary">
          {t('invite.open')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          error={problem?.fields.email}
        />
        <OrganisationPicker
          label={t('fields.organisation')}
          value={organisationId}
          onChange={setOrganisationId}
          error={problem?.fields.organisationId}
        />
        <SelectField
          label={t('fields.role')}
          value={role}
          onChange={(e) => setRole(e.target.value as Role)}
          options={ROLES.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
          error={problem?.fields.role}
        />
        <CheckboxField
          label={t('fields.contactPoint')}
          checked={contactPoint}
          onChange={(e) => setContactPoint(e.target.checked)}
        />
        <button type="submit" className="button button--primary" disabled={invite.isPending}>
          {t('invite.submit')}
        </button>
      </form>
    </Dialog>
  );
}
