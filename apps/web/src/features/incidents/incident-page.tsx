import { Link, useParams } from '@tanstack/react-router';
import { lazy, Suspense, useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import {
  CheckboxField,
  FormError,
  QueryState,
  Section,
  SelectField,
  TextAreaField,
  TextField,
} from '@/components';
import { Attachments, FilesToggle } from '@/features/attachments';
import { canManage, useGroup, useMembers, type Group } from '@/features/groups';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  CONFIDENTIALITIES,
  STATUSES,
  useAccessLog,
  useChangeIncident,
  useIncident,
  useIncidentUpdates,
  useMe,
  usePostUpdate,
  type Confidentiality,
  type Incident,
  type IncidentStatus,
} from './api';
import { AudienceSummary } from './audience-summary';
import { ConfidentialityBadge, reporterText, SeverityBadge } from './incident-card';
import { ShareWithPicker } from './report-incident-page';

const IncidentMap = lazy(() => import('./incident-map').then((m) => ({ default: m.IncidentMap })));

export function IncidentPage() {
  const { groupId, incidentId } = useParams({ from: '/app/groups/$groupId/incidents/$incidentId' });
  const group = useGroup(groupId);
  const incident = useIncident(groupId, incidentId);
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <QueryState query={incident}>{(i: Incident) => <IncidentDetail group={g} incident={i} />}</QueryState>
      )}
    </QueryState>
  );
}

function IncidentDetail({ group, incident }: { group: Group; incident: Incident }) {
  const { t, i18n } = useTranslation('incidents');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const when = (at: string) => formatInstant(at, group.timezone, locale);
  const hasPoint = incident.location.lat != null && incident.location.lng != null;
  const ownContributor =
    incident.reportedByMyOrganisation && (group.myRole !== 'observer' || group.iAmCoChair);
  return (
    <>
      <Section
        title={incident.title}
        id="incident-facts"
        actions={
          <Link
            to="/groups/$groupId/incidents"
            params={{ groupId: group.id }}
            className="button button--quiet"
          >
            {t('detail.back')}
          </Link>
        }
      >
        <p className="chip-list">
          <SeverityBadge severity={incident.severity} />
          <span className="badge">{t(`category.${incident.category}`)}</span>
          <span className="badge badge--muted">{t(`status.${incident.status}`)}</span>
          <ConfidentialityBadge incident={incident} />
        </p>
        <p className="prewrap">{incident.description}</p>
        <dl className="facts">
          <dt>{t('fields.occurredAt')}</dt>
          <dd>{when(incident.occurredAt)}</dd>
          <dt>{t('detail.reported')}</dt>
          <dd>{when(incident.createdAt)}</dd>
          <dt>{t('detail.reporter')}</dt>
          <dd>
            {incident.anonymous && incident.reporter
              ? t('detail.anonymousYours', { name: incident.reporter.displayName })
              : incident.reporter
                ? reporterText(incident, t)
                : t('detail.anonymous')}
          </dd>
          <dt>{t('detail.where')}</dt>
          <dd>{incident.location.name}</dd>
          <dt>{t('fields.actors')}</dt>
          <dd>{incident.actors.length ? incident.actors.join(', ') : t('detail.actorsNone')}</dd>
          <dt>{t('fields.abuse')}</dt>
          <dd>{incident.allegedHumanRightsAbuse ? t('detail.abuseYes') : t('detail.abuseNo')}</dd>
          <dt>{t('form.casualties')}</dt>
          <dd>{t('detail.casualties', incident.casualties)}</dd>
          {incident.confidentiality === 'restricted' ? (
            <>
              <dt>{t('confidentiality.restricted')}</dt>
              <dd>
                {incident.sharedWithOrganisations.length
                  ? t('list.restrictedTo', {
                      list: incident.sharedWithOrganisations.map((o) => o.name).join(', '),
                    })
                  : t('list.restrictedMine')}
              </dd>
            </>
          ) : null}
        </dl>
        {hasPoint ? (
          <Suspense fallback={null}>
            <IncidentMap
              label={t('list.map')}
              points={[
                {
                  id: incident.id,
                  title: incident.title,
                  severity: incident.severity,
                  lat: incident.location.lat!,
                  lng: incident.location.lng!,
                },
              ]}
            />
          </Suspense>
        ) : (
          <p className="muted small">{t('detail.notOnMap')}</p>
        )}
      </Section>
      <Thread group={group} incident={incident} />
      <Attachments
        ownerPath={`incidents/${incident.id}`}
        timeZone={group.timezone}
        canUpload={group.myRole !== 'observer'}
      />
      {/* The reporting organisation's observers read the incident; sharing and the access log are
          its members' (the server refuses the rest). */}
      {ownContributor ? <Sharing group={group} incident={incident} /> : null}
      {ownContributor && incident.confidentiality === 'restricted' ? (
        <AccessLog group={group} incident={incident} />
      ) : null}
    </>
  );
}

function Thread({ group, incident }: { group: Group; incident: Incident }) {
  const { t, i18n } = useTranslation('incidents');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const updates = useIncidentUpdates(group.id, incident.id);
  const post = usePostUpdate(group.id, incident.id);
  const me = useMe();
  const [body, setBody] = useState('');
  const [status, setStatus] = useState<IncidentStatus | ''>('');
  const [reason, setReason] = useState('');
  // The server decides; these only hide what it would refuse.
  const mayContribute = group.myRole !== 'observer';
  const mayChangeStatus =
    incident.reportedByMyOrganisation || (incident.confidentiality === 'group' && canManage(group));
  const problem = post.error
    ? describeProblem(post.error, t, { 403: 'incidents:detail.notAllowedStatus' })
    : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    post.mutate(
      { body, ...(status ? { status } : {}), ...(status && reason ? { reason } : {}) },
      {
        onSuccess: () => {
          setBody('');
          setStatus('');
          setReason('');
        },
      },
    );
  };
  const items = updates.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('detail.thread')} id="incident-thread">
      <QueryState query={updates}>
        {() =>
          items.length === 0 ? (
            <p className="muted">{t('detail.noUpdates')}</p>
          ) : (
            <ol className="thread">
              {items.map((u) => (
                <li key={u.id} className="card">
                  <p className="muted small">
                    {u.author
                      ? `${u.author.displayName}, ${u.author.organisation.name}`
                      : t('detail.anonymousAuthor')}{' '}
                    · {formatInstant(u.createdAt, group.timezone, locale)}
                  </p>
                  <p className="prewrap">{u.body}</p>
                  {u.status ? (
                    <p className="small">
                      <strong>{t('detail.movedTo', { status: t(`status.${u.status}`) })}</strong>
                      {u.statusReason ? ` — ${t('detail.because', { reason: u.statusReason })}` : ''}
                    </p>
                  ) : null}
                  <FilesToggle
                    ownerPath={`incident-updates/${u.id}`}
                    timeZone={group.timezone}
                    canUpload={
                      mayContribute &&
                      (incident.reportedByMyOrganisation || (!!me.data && u.author?.userId === me.data.id))
                    }
                  />
                </li>
              ))}
            </ol>
          )
        }
      </QueryState>
      {updates.hasNextPage ? (
        <button type="button" className="button" onClick={() => void updates.fetchNextPage()}>
          {t('list.loadMore')}
        </button>
      ) : null}
      {mayContribute ? (
        <form className="form" onSubmit={submit} aria-labelledby="incident-post">
          <h3 id="incident-post">{t('detail.postTitle')}</h3>
          <FormError message={problem?.message} />
          <TextAreaField
            label={t('detail.body')}
            required
            rows={3}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            error={problem?.fields.body}
          />
          {mayChangeStatus ? (
            <SelectField
              label={t('detail.changeStatus')}
              value={status}
              onChange={(e) => setStatus(e.target.value as IncidentStatus | '')}
              options={[
                { value: '', label: t('detail.keepStatus', { status: t(`status.${incident.status}`) }) },
                ...STATUSES.filter((s) => s !== incident.status).map((s) => ({
                  value: s,
                  label: t(`status.${s}`),
                })),
              ]}
              error={problem?.fields.status}
            />
          ) : null}
          {status && !incident.reportedByMyOrganisation ? (
            <TextField
              label={t('detail.reason')}
              required
              maxLength={2000}
              value={reason}
              hint={t('detail.reasonHint')}
              onChange={(e) => setReason(e.target.value)}
              error={problem?.fields.reason}
            />
          ) : null}
          <button type="submit" className="button button--primary" disabled={post.isPending}>
            {t('detail.post')}
          </button>
        </form>
      ) : null}
    </Section>
  );
}

function Sharing({ group, incident }: { group: Group; incident: Incident }) {
  const { t } = useTranslation('incidents');
  const members = useMembers(group.id, { status: 'active' });
  const change = useChangeIncident(group.id, incident.id);
  const [confidentiality, setConfidentiality] = useState<Confidentiality>(incident.confidentiality);
  const [sharedWith, setSharedWith] = useState<string[]>(() =>
    incident.sharedWithOrganisations.map((o) => o.id),
  );
  const [stepForward, setStepForward] = useState(false);
  const reporting = incident.reporter?.organisation.id;
  const organisations = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of members.data?.items ?? [])
      if (m.organisation.id !== reporting) seen.set(m.organisation.id, m.organisation.name);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [members.data, reporting]);
  const problem = change.error
    ? describeProblem(change.error, t, { 409: 'incidents:detail.conflict' })
    : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const body: Schemas['UpdateIncidentDto'] = { confidentiality, expectedVersion: incident.version };
    if (confidentiality === 'restricted') body.sharedWithOrganisationIds = sharedWith;
    if (stepForward) body.anonymous = false;
    change.mutate(body, { onSuccess: () => setStepForward(false) });
  };
  return (
    <Section title={t('detail.sharing')} id="incident-sharing">
      <p className="muted small">{t('detail.sharingHint')}</p>
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        {change.isSuccess ? (
          <p className="notice notice--ok" role="status">
            {t('detail.sharingSaved')}
          </p>
        ) : null}
        <fieldset className="fieldset">
          <legend>{t('form.confidentialityLegend')}</legend>
          {CONFIDENTIALITIES.map((c) => (
            <div key={c} className="field field--radio">
              <input
                type="radio"
                id={`sharing-${c}`}
                name="sharing-confidentiality"
                checked={confidentiality === c}
                onChange={() => setConfidentiality(c)}
              />
              <label htmlFor={`sharing-${c}`}>
                {c === 'group' ? t('form.groupOption') : t('form.restrictedOption')}
              </label>
            </div>
          ))}
        </fieldset>
        {confidentiality === 'restricted' ? (
          <ShareWithPicker organisations={organisations} value={sharedWith} onChange={setSharedWith} />
        ) : null}
        {members.data ? (
          <AudienceSummary
            members={members.data.items}
            reportingOrganisationId={reporting}
            confidentiality={confidentiality}
            sharedWith={sharedWith}
          />
        ) : null}
        {incident.anonymous ? (
          <CheckboxField
            label={t('detail.stepForward')}
            checked={stepForward}
            onChange={(e) => setStepForward(e.target.checked)}
          />
        ) : null}
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {t('detail.saveSharing')}
        </button>
      </form>
    </Section>
  );
}

function AccessLog({ group, incident }: { group: Group; incident: Incident }) {
  const { t, i18n } = useTranslation('incidents');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const log = useAccessLog(group.id, incident.id, true);
  const items = log.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Section title={t('detail.accessLog')} id="incident-access-log">
      <p className="muted small">{t('detail.accessLogHint')}</p>
      <QueryState query={log}>
        {() =>
          items.length === 0 ? (
            <p className="muted">{t('detail.accessLogEmpty')}</p>
          ) : (
            <table className="table">
              <caption className="visually-hidden">{t('detail.accessLog')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('detail.who')}</th>
                  <th scope="col">{t('detail.action')}</th>
                  <th scope="col">{t('detail.when')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((e) => (
                  <tr key={e.id}>
                    <td>
                      {e.displayName}, {e.organisation.name}
                    </td>
                    <td>{t(`detail.actions.${e.action}`)}</td>
                    <td>{formatInstant(e.at, group.timezone, locale)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryState>
      {log.hasNextPage ? (
        <button type="button" className="button" onClick={() => void log.fetchNextPage()}>
          {t('list.loadMore')}
        </button>
      ) : null}
    </Section>
  );
}
