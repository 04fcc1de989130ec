import { useNavigate, useParams } from '@tanstack/react-router';
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
import { useGroup, useMembers, type Group, type Member } from '@/features/groups';
import { instantFromZoned, zonedLocalInput } from '@/i18n/format';
import {
  CATEGORIES,
  SEVERITIES,
  useMe,
  useReportIncident,
  type Category,
  type Confidentiality,
  type Severity,
} from './api';
import { AudienceSummary } from './audience-summary';
import type { LngLat } from './map-geometry';

const IncidentMap = lazy(() => import('./incident-map').then((m) => ({ default: m.IncidentMap })));

export function ReportIncidentPage() {
  const { groupId } = useParams({ from: '/app/groups/$groupId/incidents/new' });
  const group = useGroup(groupId);
  const members = useMembers(groupId, { status: 'active' });
  const me = useMe();
  return (
    <QueryState query={group}>
      {(g: Group) => (
        <QueryState query={members}>
          {(page: Schemas['MemberPageDto']) => (
            <ReportForm
              group={g}
              members={page.items}
              myOrganisationId={
                me.data?.memberships.find((m) => m.groupId === groupId)?.organisationId ?? undefined
              }
            />
          )}
        </QueryState>
      )}
    </QueryState>
  );
}

function ReportForm({
  group,
  members,
  myOrganisationId,
}: {
  group: Group;
  members: Member[];
  myOrganisationId: string | undefined;
}) {
  const { t } = useTranslation('incidents');
  const navigate = useNavigate();
  const report = useReportIncident(group.id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [occurredAt, setOccurredAt] = useState(() => zonedLocalInput(new Date(), group.timezone));
  const [locationName, setLocationName] = useState('');
  // The coordinates as typed; the pin is set when both parse (a map click fills both).
  const [lat, setLat] = useState('');
  const [lng, setLng] = useState('');
  const pin: LngLat | null =
    lat !== '' && lng !== '' && Number.isFinite(Number(lat)) && Number.isFinite(Number(lng))
      ? { lat: Number(lat), lng: Number(lng) }
      : null;
  const setPin = (p: LngLat | null) => {
    setLat(p ? String(p.lat) : '');
    setLng(p ? String(p.lng) : '');
  };
  const [category, setCategory] = useState<Category>('community_protest');
  const [severity, setSeverity] = useState<Severity>('medium');
  const [actors, setActors] = useState('');
  const [abuse, setAbuse] = useState(false);
  const [injured, setInjured] = useState('0');
  const [killed, setKilled] = useState('0');
  const [confidentiality, setConfidentiality] = useState<Confidentiality | ''>('');
  const [sharedWith, setSharedWith] = useState<string[]>([]);
  const [anonymous, setAnonymous] = useState(false);

  const otherOrganisations = useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of members)
      if (m.organisation.id !== myOrganisationId) seen.set(m.organisation.id, m.organisation.name);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [members, myOrganisationId]);

  const problem = report.error ? describeProblem(report.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!confidentiality) return;
    report.mutate(
      {
        title,
        description,
        occurredAt: instantFromZoned(occurredAt, group.timezone).toISOString(),
        location: { name: locationName, ...(pin ? { lat: pin.lat, lng: pin.lng } : {}) },
        category,
        severity,
        actors: actors
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        allegedHumanRightsAbuse: abuse,
        casualties: { injured: Number(injured) || 0, killed: Number(killed) || 0 },
        confidentiality,
        ...(confidentiality === 'restricted' ? { sharedWithOrganisationIds: sharedWith } : {}),
        anonymous,
      },
      {
        onSuccess: (incident) =>
          void navigate({
            to: '/groups/$groupId/incidents/$incidentId',
            params: { groupId: group.id, incidentId: incident.id },
          }),
      },
    );
  };
  if (!myOrganisationId) return <p className="notice notice--warn">{t('form.noOrganisation')}</p>;
  return (
    <form className="form form--wide" onSubmit={submit}>
      <FormError message={problem?.message} />
      <Section title={t('form.what')} id="incident-what">
        <TextField
          label={t('fields.title')}
          required
          maxLength={200}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.title}
        />
        <TextAreaField
          label={t('fields.description')}
          required
          rows={5}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problem?.fields.description}
        />
        <TextField
          label={t('fields.occurredAt')}
          type="datetime-local"
          required
          value={occurredAt}
          max={zonedLocalInput(new Date(), group.timezone)}
          onChange={(e) => setOccurredAt(e.target.value)}
          hint={t('fields.occurredAtHint', { zone: group.timezone })}
          error={problem?.fields.occurredAt}
        />
        <div className="field-row">
          <SelectField
            label={t('fields.category')}
            value={category}
            onChange={(e) => setCategory(e.target.value as Category)}
            options={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
            error={problem?.fields.category}
          />
          <SelectField
            label={t('fields.severity')}
            value={severity}
            onChange={(e) => setSeverity(e.target.value as Severity)}
            options={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
            error={problem?.fields.severity}
          />
        </div>
        <TextAreaField
          label={t('fields.actors')}
          rows={2}
          value={actors}
          hint={t('fields.actorsHint')}
          onChange={(e) => setActors(e.target.value)}
          error={problem?.fields.actors}
        />
        <CheckboxField
          label={t('fields.abuse')}
          checked={abuse}
          onChange={(e) => setAbuse(e.target.checked)}
        />
        <fieldset className="fieldset">
          <legend>{t('form.casualties')}</legend>
          <div className="field-row">
            <TextField
              label={t('fields.injured')}
              type="number"
              min={0}
              value={injured}
              onChange={(e) => setInjured(e.target.value)}
              error={problem?.fields['casualties.injured']}
            />
            <TextField
              label={t('fields.killed')}
              type="number"
              min={0}
              value={killed}
              onChange={(e) => setKilled(e.target.value)}
              error={problem?.fields['casualties.killed']}
            />
          </div>
        </fieldset>
      </Section>

      <Section title={t('form.where')} id="incident-where">
        <TextField
          label={t('fields.locationName')}
          required
          maxLength={200}
          value={locationName}
          hint={t('fields.locationNameHint')}
          onChange={(e) => setLocationName(e.target.value)}
          error={problem?.fields['location.name']}
        />
        <p className="muted small">{t('form.whereMapHint')}</p>
        <Suspense fallback={<p className="muted">{t('common:loading')}</p>}>
          <IncidentMap label={t('map.pick')} pin={pin} onPick={setPin} />
        </Suspense>
        <div className="field-row">
          <TextField
            label={t('fields.lat')}
            type="number"
            step="any"
            min={-90}
            max={90}
            value={lat}
            onChange={(e) => setLat(e.target.value)}
            error={problem?.fields['location.lat']}
          />
          <TextField
            label={t('fields.lng')}
            type="number"
            step="any"
            min={-180}
            max={180}
            value={lng}
            onChange={(e) => setLng(e.target.value)}
            error={problem?.fields['location.lng']}
          />
          {lat || lng ? (
            <button type="button" className="button button--quiet" onClick={() => setPin(null)}>
              {t('form.clearPin')}
            </button>
          ) : null}
        </div>
      </Section>

      <Section title={t('form.who')} id="incident-who">
        <fieldset className="fieldset">
          <legend>{t('form.confidentialityLegend')}</legend>
          <div className="field field--radio">
            <input
              type="radio"
              id="confidentiality-group"
              name="confidentiality"
              required
              checked={confidentiality === 'group'}
              onChange={() => setConfidentiality('group')}
              aria-describedby="confidentiality-group-hint"
            />
            <label htmlFor="confidentiality-group">{t('form.groupOption')}</label>
            <p id="confidentiality-group-hint" className="field-hint">
              {t('form.groupOptionHint')}
            </p>
          </div>
          <div className="field field--radio">
            <input
              type="radio"
              id="confidentiality-restricted"
              name="confidentiality"
              checked={confidentiality === 'restricted'}
              onChange={() => setConfidentiality('restricted')}
              aria-describedby="confidentiality-restricted-hint"
            />
            <label htmlFor="confidentiality-restricted">{t('form.restrictedOption')}</label>
            <p id="confidentiality-restricted-hint" className="field-hint">
              {t('form.restrictedOptionHint')}
            </p>
          </div>
        </fieldset>
        {confidentiality === 'restricted' ? (
          <ShareWithPicker organisations={otherOrganisations} value={sharedWith} onChange={setSharedWith} />
        ) : null}
        {confidentiality ? (
          <AudienceSummary
            members={members}
            reportingOrganisationId={myOrganisationId}
            confidentiality={confidentiality}
            sharedWith={sharedWith}
          />
        ) : null}
        {problem?.fields.sharedWithOrganisationIds ? (
          <p className="field-error">{problem.fields.sharedWithOrganisationIds}</p>
        ) : null}
        <CheckboxField
          label={t('fields.anonymous')}
          checked={anonymous}
          onChange={(e) => setAnonymous(e.target.checked)}
          aria-describedby="anonymous-hint"
        />
        <p id="anonymous-hint" className="field-hint">
          {t('form.anonymousHint')}
        </p>
      </Section>
      <button
        type="submit"
        className="button button--primary"
        disabled={report.isPending || !confidentiality}
      >
        {t('form.submit')}
      </button>
    </form>
  );
}

export function ShareWithPicker({
  organisations,
  value,
  onChange,
}: {
  organisations: { id: string; name: string }[];
  value: string[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation('incidents');
  return (
    <fieldset className="fieldset">
      <legend>{t('form.shareWith')}</legend>
      {organisations.length === 0 ? <p className="muted">{t('form.noOtherOrganisations')}</p> : null}
      {organisations.map((o) => (
        <CheckboxField
          key={o.id}
          label={o.name}
          checked={value.includes(o.id)}
          onChange={(e) => onChange(e.target.checked ? [...value, o.id] : value.filter((id) => id !== o.id))}
        />
      ))}
    </fieldset>
  );
}
