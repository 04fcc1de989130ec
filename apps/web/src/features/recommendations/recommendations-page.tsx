import { Link, useParams } from '@tanstack/react-router';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import {
  CheckboxField,
  Dialog,
  FormError,
  QueryState,
  Section,
  SelectField,
  TextAreaField,
  TextField,
} from '@/components';
import { canManage, useGroup, useMembers, type Group } from '@/features/groups';
import { formatInstant, todayIn } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  PRIORITIES,
  STATUSES,
  useCreateRecommendation,
  useGroupMeetings,
  useRecommendations,
  type Priority,
  type RecommendationFilter,
  type RecommendationStatus,
} from './api';
import { RecommendationCard } from './recommendation-card';

export function RecommendationsPage() {
  const { groupId } = useParams({ from: '/app/groups/$groupId/recommendations' });
  const group = useGroup(groupId);
  return <QueryState query={group}>{(g: Group) => <Tracker group={g} />}</QueryState>;
}

function useOrganisations(groupId: string) {
  const members = useMembers(groupId, { status: 'active' });
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const m of members.data?.items ?? []) seen.set(m.organisation.id, m.organisation.name);
    return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }, [members.data]);
}

function Tracker({ group }: { group: Group }) {
  const { t, i18n } = useTranslation('recommendations');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const organisations = useOrganisations(group.id);
  const meetings = useGroupMeetings(group.id);
  const [status, setStatus] = useState<RecommendationStatus | ''>('');
  const [organisationId, setOrganisationId] = useState('');
  const [overdue, setOverdue] = useState<'' | 'true' | 'false'>('');
  const [meetingId, setMeetingId] = useState('');
  const filter = useMemo(() => {
    const f: RecommendationFilter = {};
    if (status) f.status = status;
    if (organisationId) f.organisationId = organisationId;
    if (overdue) f.overdue = overdue === 'true';
    if (meetingId) f.meetingId = meetingId;
    return f;
  }, [status, organisationId, overdue, meetingId]);
  const list = useRecommendations(group.id, filter);
  const items = list.data?.pages.flatMap((p) => p.items) ?? [];
  const any = { value: '', label: t('list.any') };
  return (
    <Section
      title={t('title')}
      id="recommendations"
      actions={
        <span className="button-row">
          <Link
            to="/groups/$groupId/recommendations/summary"
            params={{ groupId: group.id }}
            className="button"
          >
            {t('list.summary')}
          </Link>
          {canManage(group) ? <CreateDialog group={group} organisations={organisations} /> : null}
        </span>
      }
    >
      <fieldset className="filters fieldset">
        <legend>{t('list.filters')}</legend>
        <SelectField
          label={t('fields.status')}
          value={status}
          onChange={(e) => setStatus(e.target.value as RecommendationStatus | '')}
          options={[any, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <SelectField
          label={t('fields.organisation')}
          value={organisationId}
          onChange={(e) => setOrganisationId(e.target.value)}
          options={[any, ...organisations.map((o) => ({ value: o.id, label: o.name }))]}
        />
        <SelectField
          label={t('fields.overdue')}
          value={overdue}
          onChange={(e) => setOverdue(e.target.value as '' | 'true' | 'false')}
          options={[
            any,
            { value: 'true', label: t('list.overdueOnly') },
            { value: 'false', label: t('list.notOverdue') },
          ]}
        />
        <SelectField
          label={t('fields.meeting')}
          value={meetingId}
          onChange={(e) => setMeetingId(e.target.value)}
          options={[
            { value: '', label: t('list.noMeeting') },
            ...(meetings.data?.items ?? []).map((m) => ({
              value: m.id,
              label: `${m.title} — ${formatInstant(m.startsAt, m.timezone, locale, { dateOnly: true })}`,
            })),
          ]}
        />
      </fieldset>
      <QueryState query={list}>
        {() =>
          items.length === 0 ? (
            <p className="muted">{t('list.empty')}</p>
          ) : (
            <ul className="card-list" aria-label={t('title')}>
              {items.map((r) => (
                <RecommendationCard key={r.id} recommendation={r} />
              ))}
            </ul>
          )
        }
      </QueryState>
      {list.hasNextPage ? (
        <button type="button" className="button" onClick={() => void list.fetchNextPage()}>
          {t('list.loadMore')}
        </button>
      ) : null}
    </Section>
  );
}

function CreateDialog({
  group,
  organisations,
}: {
  group: Group;
  organisations: { id: string; name: string }[];
}) {
  const { t, i18n } = useTranslation('recommendations');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const meetings = useGroupMeetings(group.id);
  const create = useCreateRecommendation(group.id);
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [responsible, setResponsible] = useState<string[]>([]);
  const [dueDate, setDueDate] = useState(() => todayIn(group.timezone));
  const [priority, setPriority] = useState<Priority>('medium');
  const [meetingId, setMeetingId] = useState('');
  const [missing, setMissing] = useState(false);
  const problem = create.error ? describeProblem(create.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (responsible.length === 0) return setMissing(true);
    create.mutate(
      {
        title,
        ...(description ? { description } : {}),
        responsibleOrganisationIds: responsible,
        dueDate,
        priority,
        ...(meetingId ? { meetingId } : {}),
      },
      {
        onSuccess: () => {
          setOpen(false);
          setTitle('');
          setDescription('');
          setResponsible([]);
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={create.reset}
      title={t('create.title')}
      description={t('create.description')}
      trigger={
        <button type="button" className="button button--primary">
          {t('list.create')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.title')}
          required
          maxLength={300}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.title}
        />
        <TextAreaField
          label={t('fields.description')}
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problem?.fields.description}
        />
        <fieldset className="fieldset">
          <legend>{t('fields.responsible')}</legend>
          {organisations.map((o) => (
            <CheckboxField
              key={o.id}
              label={o.name}
              checked={responsible.includes(o.id)}
              onChange={(e) => {
                setMissing(false);
                setResponsible(
                  e.target.checked ? [...responsible, o.id] : responsible.filter((id) => id !== o.id),
                );
              }}
            />
          ))}
          {missing || problem?.fields.responsibleOrganisationIds ? (
            <p className="field-error">
              {problem?.fields.responsibleOrganisationIds ?? t('create.pickOrganisation')}
            </p>
          ) : null}
        </fieldset>
        <div className="field-row">
          <TextField
            label={t('fields.dueDate')}
            type="date"
            required
            value={dueDate}
            onChange={(e) => setDueDate(e.target.value)}
            error={problem?.fields.dueDate}
          />
          <SelectField
            label={t('fields.priority')}
            value={priority}
            onChange={(e) => setPriority(e.target.value as Priority)}
            options={PRIORITIES.map((p) => ({ value: p, label: t(`priority.${p}`) }))}
          />
        </div>
        <SelectField
          label={t('fields.meeting')}
          value={meetingId}
          onChange={(e) => setMeetingId(e.target.value)}
          options={[
            { value: '', label: t('create.noMeeting') },
            ...(meetings.data?.items ?? []).map((m) => ({
              value: m.id,
              label: `${m.title} — ${formatInstant(m.startsAt, m.timezone, locale, { dateOnly: true })}`,
            })),
          ]}
          error={problem?.fields.meetingId}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('create.submit')}
        </button>
      </form>
    </Dialog>
  );
}
