import { useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { Attachments } from '@/features/attachments';
import { Dialog, FormError, QueryState, Section, SelectField, TextField } from '@/components';
import { formatCalendarDate } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  AUDIENCES,
  useCreateProgramme,
  useGroupOrganisations,
  useProgramme,
  useProgrammes,
  useRecordSession,
  useSites,
  useTopicCatalogue,
  type Audience,
  type Programme,
} from './api';
import { CoverageChart } from './coverage-chart';
import { EngagementFrame } from './engagement-frame';
import { TopicPicker } from './topic-picker';
import { useGroupTimezone } from './use-group-timezone';

export function TrainingPage() {
  const { t, i18n } = useTranslation('engagement');
  const { groupId } = useParams({ from: '/app/groups/$groupId/engagement/training' });
  const language = i18n.resolvedLanguage ?? i18n.language;
  const programmes = useProgrammes(groupId);
  const catalogue = useTopicCatalogue(language);
  const labels = new Map((catalogue.data?.items ?? []).map((i) => [i.key, i.label]));
  const locale = intlLocale(language);
  return (
    <EngagementFrame groupId={groupId}>
      <Section title={t('training.title')} id="training" actions={<NewProgrammeDialog groupId={groupId} />}>
        <p className="muted">{t('training.intro')}</p>
        <QueryState query={programmes}>
          {(page) =>
            page.items.length === 0 ? (
              <p className="muted">{t('training.none')}</p>
            ) : (
              <>
                <CoverageChart programmes={page.items} numberLocale={locale} />
                <ul className="card-list">
                  {page.items.map((p) => (
                    <ProgrammeCard
                      key={p.id}
                      groupId={groupId}
                      programme={p}
                      labels={labels}
                      locale={locale}
                    />
                  ))}
                </ul>
              </>
            )
          }
        </QueryState>
      </Section>
    </EngagementFrame>
  );
}

function ProgrammeCard({
  groupId,
  programme: p,
  labels,
  locale,
}: {
  groupId: string;
  programme: Programme;
  labels: Map<string, string>;
  locale: string;
}) {
  const { t } = useTranslation('engagement');
  const label = (k: string) => labels.get(k) ?? k;
  return (
    <li className="card">
      <h3>{p.title}</h3>
      <dl className="facts">
        <dt>{t('fields.audience')}</dt>
        <dd>{t(`audience.${p.audience}`)}</dd>
        <dt>{t('fields.agency')}</dt>
        <dd>{p.agencyOrganisation.name}</dd>
        <dt>{t('fields.sites')}</dt>
        <dd>{p.sites.length ? p.sites.map((s) => s.name).join(', ') : t('training.noSites')}</dd>
        <dt>{t('training.sessions')}</dt>
        <dd>
          {t('training.sessionSummary', {
            count: p.sessionCount,
            total: p.traineesTotal,
            women: p.traineesWomen,
          })}
        </dd>
        <dt>{t('training.lastRotation')}</dt>
        <dd>
          {p.coverage.lastRotationOn
            ? formatCalendarDate(p.coverage.lastRotationOn, locale)
            : t('coverage.noHeadcount')}
        </dd>
        <dt>{t('coverage.covered')}</dt>
        <dd>
          {p.coverage.topicsCovered.length
            ? p.coverage.topicsCovered.map(label).join(', ')
            : t('coverage.nothing')}
        </dd>
        <dt>{t('coverage.missing')}</dt>
        <dd>
          {p.coverage.topicsMissing.length
            ? p.coverage.topicsMissing.map(label).join(', ')
            : t('coverage.nothing')}
        </dd>
      </dl>
      {p.sessionCount > 0 ? (
        <details className="training-sessions">
          <summary>{t('training.sessionFiles')}</summary>
          <ProgrammeSessions groupId={groupId} programme={p} locale={locale} />
        </details>
      ) : null}
      {p.mayRecordSessions ? <SessionDialog groupId={groupId} programme={p} /> : null}
    </li>
  );
}

// The recorded sessions of a programme (loaded when opened), each with its files — typically the
// signed attendance sheet. Those who may record sessions may add files.
function ProgrammeSessions({
  groupId,
  programme: p,
  locale,
}: {
  groupId: string;
  programme: Programme;
  locale: string;
}) {
  const { t } = useTranslation('engagement');
  const detail = useProgramme(groupId, p.id);
  const timezone = useGroupTimezone(groupId);
  return (
    <QueryState query={detail}>
      {(programme) => (
        <>
          {p.mayRecordSessions ? <p className="muted">{t('training.attendanceHint')}</p> : null}
          <ul className="training-sessions__list">
            {(programme.sessions ?? []).map((s) => (
              <li key={s.id}>
                <p className="training-session__title">
                  {t('training.sessionEntry', {
                    date: formatCalendarDate(s.heldOn, locale),
                    location: s.location,
                    total: s.trainees.total,
                    women: s.trainees.women,
                  })}
                </p>
                <Attachments
                  ownerPath={`training-sessions/${s.id}`}
                  timeZone={timezone}
                  canUpload={p.mayRecordSessions}
                  headingLevel={4}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </QueryState>
  );
}

function NewProgrammeDialog({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation('engagement');
  const [open, setOpen] = useState(false);
  const create = useCreateProgramme(groupId);
  const organisations = useGroupOrganisations(groupId);
  const sites = useSites(groupId);
  const catalogue = useTopicCatalogue(i18n.resolvedLanguage ?? i18n.language);
  const [title, setTitle] = useState('');
  const [audience, setAudience] = useState<Audience>('police');
  const [agency, setAgency] = useState('');
  const [siteId, setSiteId] = useState('');
  const [topics, setTopics] = useState<string[]>([]);
  const problem = create.error ? describeProblem(create.error, t) : null;
  const orgs = organisations.data ?? [];
  const agencyId = agency || orgs.find((o) => o.kind === 'public_security')?.id || orgs[0]?.id || '';

  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, audience, agencyOrganisationId: agencyId, topics, ...(siteId ? { siteIds: [siteId] } : {}) },
      {
        onSuccess: () => {
          setOpen(false);
          setTitle('');
          setTopics([]);
          create.reset();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={create.reset}
      title={t('training.newTitle')}
      description={t('training.newDescription')}
      trigger={
        <button type="button" className="button button--primary">
          {t('training.new')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.title')}
          required
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          error={problem?.fields.title}
        />
        <SelectField
          label={t('fields.audience')}
          value={audience}
          onChange={(e) => setAudience(e.target.value as Audience)}
          options={AUDIENCES.map((a) => ({ value: a, label: t(`audience.${a}`) }))}
        />
        <SelectField
          label={t('fields.agency')}
          value={agencyId}
          onChange={(e) => setAgency(e.target.value)}
          options={orgs.map((o) => ({ value: o.id, label: o.name }))}
          error={problem?.fields.agencyOrganisationId}
        />
        <SelectField
          label={t('fields.site')}
          value={siteId}
          onChange={(e) => setSiteId(e.target.value)}
          options={[
            { value: '', label: t('fields.noSite') },
            ...(sites.data?.items ?? []).map((s) => ({ value: s.id, label: s.name })),
          ]}
        />
        <TopicPicker
          legend={t('fields.topics')}
          topics={catalogue.data?.items ?? []}
          value={topics}
          onChange={setTopics}
          error={problem?.fields.topics}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('training.create')}
        </button>
      </form>
    </Dialog>
  );
}

function SessionDialog({ groupId, programme }: { groupId: string; programme: Programme }) {
  const { t, i18n } = useTranslation('engagement');
  const [open, setOpen] = useState(false);
  const record = useRecordSession(groupId, programme.id);
  const catalogue = useTopicCatalogue(i18n.resolvedLanguage ?? i18n.language);
  const [heldOn, setHeldOn] = useState('');
  const [location, setLocation] = useState('');
  const [language, setLanguage] = useState('fr');
  const [topics, setTopics] = useState<string[]>(programme.topics);
  const [total, setTotal] = useState('');
  const [women, setWomen] = useState('');
  const [pre, setPre] = useState('');
  const [post, setPost] = useState('');
  const problem = record.error ? describeProblem(record.error, t) : null;
  const optionalNumber = (v: string) => (v.trim() === '' ? undefined : Number(v));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    record.mutate(
      {
        heldOn,
        location,
        language,
        topics,
        trainees: { total: Number(total), women: Number(women || 0) },
        preTestAverage: optionalNumber(pre),
        postTestAverage: optionalNumber(post),
      },
      {
        onSuccess: () => {
          setOpen(false);
          record.reset();
        },
      },
    );
  };
  return (
    <Dialog
      open={open}
      onOpenChange={setOpen}
      onClose={record.reset}
      title={t('session.title', { programme: programme.title })}
      description={t('session.description')}
      trigger={
        <button type="button" className="button">
          {t('session.open')}
        </button>
      }
    >
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('session.heldOn')}
          type="date"
          required
          value={heldOn}
          onChange={(e) => setHeldOn(e.target.value)}
          error={problem?.fields.heldOn}
        />
        <TextField
          label={t('session.location')}
          required
          value={location}
          onChange={(e) => setLocation(e.target.value)}
          error={problem?.fields.location}
        />
        <TextField
          label={t('session.language')}
          required
          value={language}
          onChange={(e) => setLanguage(e.target.value)}
          hint={t('session.languageHint')}
          error={problem?.fields.language}
        />
        <TopicPicker
          legend={t('session.topics')}
          topics={catalogue.data?.items ?? []}
          value={topics}
          onChange={setTopics}
          error={problem?.fields.topics}
        />
        <TextField
          label={t('session.total')}
          type="number"
          min={0}
          required
          value={total}
          onChange={(e) => setTotal(e.target.value)}
          hint={t('session.countsOnly')}
          error={problem?.fields['trainees.total']}
        />
        <TextField
          label={t('session.women')}
          type="number"
          min={0}
          value={women}
          onChange={(e) => setWomen(e.target.value)}
          error={problem?.fields['trainees.women']}
        />
        <TextField
          label={t('session.pre')}
          type="number"
          min={0}
          max={100}
          step="0.01"
          value={pre}
          onChange={(e) => setPre(e.target.value)}
          error={problem?.fields.preTestAverage}
        />
        <TextField
          label={t('session.post')}
          type="number"
          min={0}
          max={100}
          step="0.01"
          value={post}
          onChange={(e) => setPost(e.target.value)}
          error={problem?.fields.postTestAverage}
        />
        <button type="submit" className="button button--primary" disabled={record.isPending}>
          {t('session.submit')}
        </button>
      </form>
    </Dialog>
  );
}
