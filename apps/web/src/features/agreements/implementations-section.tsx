import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { QueryState, Section } from '@/components';
import { formatCalendarDate, formatInstant } from '@/i18n/format';
import { useLocale } from './agreement-bits';
import type { AgreementContext } from './agreement-context';
import { useImplementations } from './api';

type Implementations = NonNullable<ReturnType<typeof useImplementations>['data']>;

// What puts the agreement into practice: the training programmes, equipment decisions and
// contributions that cite it (and which clause), each linking to its engagement screen. The API
// already leaves out what the caller may not see.
export function ImplementationsSection({ ctx }: { ctx: AgreementContext }) {
  const { t } = useTranslation('agreements');
  const implementations = useImplementations(ctx.groupId, ctx.agreement.id);
  return (
    <Section title={t('implementations.title')} id="agreement-implementations">
      <QueryState query={implementations}>
        {(data: Implementations) => <ImplementationLists ctx={ctx} data={data} />}
      </QueryState>
    </Section>
  );
}

function ImplementationLists({ ctx, data }: { ctx: AgreementContext; data: Implementations }) {
  const { t } = useTranslation('agreements');
  const locale = useLocale();
  const { groupId, zone } = ctx;
  const clause = (key: string | null) => (key ? ` — ${t('clauseKey', { key })}` : '');
  if (!data.trainingProgrammes.length && !data.equipmentDecisions.length && !data.contributions.length)
    return <p className="muted">{t('implementations.none')}</p>;
  return (
    <>
      {data.trainingProgrammes.length ? (
        <>
          <h3>
            <Link to="/groups/$groupId/engagement/training" params={{ groupId }}>
              {t('implementations.training')}
            </Link>
          </h3>
          <ul>
            {data.trainingProgrammes.map((p) => (
              <li key={p.id}>
                {p.title}
                <span className="muted small">{clause(p.clauseKey)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.equipmentDecisions.length ? (
        <>
          <h3>
            <Link to="/groups/$groupId/engagement/equipment" params={{ groupId }}>
              {t('implementations.equipment')}
            </Link>
          </h3>
          <ul>
            {data.equipmentDecisions.map((d) => (
              <li key={d.requestId}>
                {t('implementations.decision', {
                  outcome: t(`implementations.outcome.${d.outcome}`),
                  date: formatInstant(d.decidedAt, zone, locale, { dateOnly: true }),
                })}
                <span className="muted small">{clause(d.clauseKey)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {data.contributions.length ? (
        <>
          <h3>
            <Link to="/groups/$groupId/engagement/contributions" params={{ groupId }}>
              {t('implementations.contributions')}
            </Link>
          </h3>
          <ul>
            {data.contributions.map((c) => (
              <li key={c.id}>
                {t('implementations.contribution', {
                  kind: t(`implementations.kind.${c.kind}`),
                  date: formatCalendarDate(c.periodFrom, locale),
                })}
                <span className="muted small">{clause(c.clauseKey)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </>
  );
}
