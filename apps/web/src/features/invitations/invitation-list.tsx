import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { FormError, QueryState } from '@/components';
import { useAnswerInvitation, useInvitations } from './api';

// Pending invitations with accept and decline; empty when there are none.
export function InvitationList({ emptyText }: { emptyText?: string }) {
  const { t } = useTranslation('invitations');
  const invitations = useInvitations();
  const answer = useAnswerInvitation();
  return (
    <QueryState query={invitations}>
      {(items: Schemas['InvitationDto'][]) =>
        items.length === 0 ? (
          emptyText ? (
            <p className="muted">{emptyText}</p>
          ) : null
        ) : (
          <>
            <FormError message={answer.error ? describeProblem(answer.error, t).message : null} />
            <ul className="card-list" aria-label={t('listLabel')}>
              {items.map((inv) => (
                <li key={inv.id} className="card invitation">
                  <p>
                    {t('invitedTo', {
                      group: inv.groupName,
                      organisation: inv.organisation.name,
                      role: t(`common:role.${inv.role}`),
                    })}
                  </p>
                  <div className="button-row">
                    <button
                      type="button"
                      className="button button--primary"
                      disabled={answer.isPending}
                      onClick={() => answer.mutate({ id: inv.id, answer: 'accept' })}
                      aria-label={t('acceptNamed', { group: inv.groupName })}
                    >
                      {t('accept')}
                    </button>
                    <button
                      type="button"
                      className="button"
                      disabled={answer.isPending}
                      onClick={() => answer.mutate({ id: inv.id, answer: 'decline' })}
                      aria-label={t('declineNamed', { group: inv.groupName })}
                    >
                      {t('decline')}
                    </button>
                  </div>
                </li>
              ))}
            </ul>
          </>
        )
      }
    </QueryState>
  );
}
