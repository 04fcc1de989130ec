import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, describeProblem, type Schemas } from '@/api';
import { FormError, QueryState, Section, TextAreaField } from '@/components';
import { Attachments } from '@/features/attachments';
import { ContentLanguageSwitch, groupSourceLocale, useTranslationsOf } from '@/features/documents';
import { MeetingFrame, type MeetingContext } from '@/features/meetings';
import { formatInstant } from '@/i18n/format';
import {
  useApprove,
  useCirculate,
  useComment,
  useComments,
  useExport,
  useFetchMinutes,
  useMinutes,
  useMinutesIn,
  useRevisions,
  useSaveMinutes,
  type Minutes,
} from './api';
import { renderMarkdown } from './markdown';
import { isDirty, listToText, textToList, type MinutesFields } from './merge';
import { MergeView } from './merge-view';

export function MinutesPage() {
  const { groupId, meetingId } = useParams({ from: '/app/groups/$groupId/meetings/$meetingId/minutes' });
  return (
    <MeetingFrame groupId={groupId} meetingId={meetingId}>
      {(ctx) => <MinutesScreen ctx={ctx} />}
    </MeetingFrame>
  );
}

const fieldsOf = (m: Minutes): MinutesFields => ({
  body: m.body,
  keyIssues: m.keyIssues,
  decisions: m.decisions,
});

function MinutesScreen({ ctx }: { ctx: MeetingContext }) {
  const { meeting, group } = ctx;
  const sourceLocale = groupSourceLocale(group.languages);
  const { locale } = useSearch({ from: '/app/groups/$groupId/meetings/$meetingId/minutes' });
  // A translation is picked: read it (read-only); the text as written otherwise.
  const reading = locale && locale !== sourceLocale ? locale : undefined;
  const minutes = useMinutes(meeting.groupId, meeting.id, sourceLocale);
  const translated = useMinutesIn(meeting.groupId, meeting.id, reading);
  return (
    <QueryState query={minutes}>
      {(m: Minutes) => (
        <>
          <StatusSection ctx={ctx} minutes={m} />
          <MinutesLanguage ctx={ctx} sourceLocale={sourceLocale} shown={reading ? translated.data : m} />
          {reading ? (
            <QueryState query={translated}>{(tm: Minutes) => <ReadOnly minutes={tm} />}</QueryState>
          ) : ctx.manage && m.status !== 'approved' ? (
            <Editor ctx={ctx} minutes={m} />
          ) : (
            <ReadOnly minutes={m} />
          )}
          <AttendanceList minutes={m} />
          {/* The API refuses uploads once the minutes are approved (409). */}
          <Attachments
            ownerPath={`meetings/${meeting.id}`}
            timeZone={meeting.timezone}
            canUpload={ctx.manage && m.status !== 'approved'}
          />
          <Comments ctx={ctx} minutes={m} />
          <Revisions ctx={ctx} />
        </>
      )}
    </QueryState>
  );
}

function MinutesLanguage({
  ctx,
  sourceLocale,
  shown,
}: {
  ctx: MeetingContext;
  sourceLocale: string;
  shown: Minutes | undefined;
}) {
  const { meeting } = ctx;
  const navigate = useNavigate();
  const translations = useTranslationsOf(meeting.groupId, 'minutes', meeting.id);
  return (
    <ContentLanguageSwitch
      sourceLocale={sourceLocale}
      answered={shown?.locale ?? sourceLocale}
      stale={shown?.translationStale ?? false}
      translations={translations.data?.items ?? []}
      onChange={(next) =>
        void navigate({
          to: '/groups/$groupId/meetings/$meetingId/minutes',
          params: { groupId: meeting.groupId, meetingId: meeting.id },
          search: next === sourceLocale ? {} : { locale: next },
        })
      }
    />
  );
}

function StatusSection({ ctx, minutes }: { ctx: MeetingContext; minutes: Minutes }) {
  const { t } = useTranslation('minutes');
  const { meeting, group, locale } = ctx;
  const circulate = useCirculate(meeting.groupId, meeting.id);
  const approve = useApprove(meeting.groupId, meeting.id);
  const exporter = useExport(meeting.id);
  const error = circulate.error ?? approve.error ?? exporter.error;
  const when = (iso: string) => formatInstant(iso, meeting.timezone, locale);
  const approvedBy = (minutes.approvedBy as { displayName?: string } | null)?.displayName;
  const download = (format: 'md' | 'pdf') =>
    exporter.mutate(format, {
      onSuccess: (blob) => {
        const url = URL.createObjectURL(blob);
        const a = document.createElement('a');
        a.href = url;
        a.download = `minutes-${meeting.startsAt.slice(0, 10)}.${format}`;
        document.body.append(a);
        a.click();
        a.remove();
        setTimeout(() => URL.revokeObjectURL(url), 10_000);
      },
    });
  return (
    <Section title={t('title')} id="minutes-status">
      <p>
        <span className="badge">{t(`status.${minutes.status}`)}</span>{' '}
        {t('version', { version: minutes.version })}
        {minutes.updatedAt && minutes.version > 0
          ? ` · ${t('savedAt', { when: when(minutes.updatedAt) })}`
          : ''}
      </p>
      {minutes.status === 'circulated' && minutes.circulatedAt ? (
        <p className="muted">{t('circulatedAt', { when: when(minutes.circulatedAt) })}</p>
      ) : null}
      {minutes.status === 'approved' && minutes.approvedAt ? (
        <p className="notice notice--ok">
          {t('approvedBy', { name: approvedBy ?? '', when: when(minutes.approvedAt) })}
        </p>
      ) : null}
      {minutes.approvals.length > 0 && minutes.status !== 'approved' ? (
        <p className="muted">
          {t('approvalsSoFar', { names: minutes.approvals.map((a) => a.displayName).join(', ') })}
        </p>
      ) : null}
      {minutes.awaitingApprovalFrom.length > 0 && minutes.status === 'circulated' ? (
        <p className="muted">
          {t('awaiting', { names: minutes.awaitingApprovalFrom.map((a) => a.displayName).join(', ') })}
        </p>
      ) : null}
      <p className="muted small">{t(`rule.${minutes.approvalRule}`)}</p>
      <FormError
        message={
          error
            ? describeProblem(error, t, { 409: 'minutes:actionConflict', 403: 'minutes:approveForbidden' })
                .message
            : null
        }
      />
      <div className="button-row">
        {group.myRole === 'focal_point' && minutes.status === 'draft' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={circulate.isPending || minutes.version === 0}
            onClick={() => circulate.mutate()}
          >
            {t('circulate')}
          </button>
        ) : null}
        {group.iAmCoChair && minutes.status === 'circulated' ? (
          <button
            type="button"
            className="button button--primary"
            disabled={approve.isPending}
            onClick={() => approve.mutate()}
          >
            {t('approve')}
          </button>
        ) : null}
        <button type="button" className="button" disabled={exporter.isPending} onClick={() => download('md')}>
          {t('exportMd')}
        </button>
        <button
          type="button"
          className="button"
          disabled={exporter.isPending}
          onClick={() => download('pdf')}
        >
          {t('exportPdf')}
        </button>
      </div>
      {group.iAmCoChair && minutes.status === 'circulated' ? (
        <p className="muted small">{t('approveRules')}</p>
      ) : null}
    </Section>
  );
}

interface Draft {
  body: string;
  keyIssues: string;
  decisions: string;
}
const toDraft = (f: MinutesFields): Draft => ({
  body: f.body,
  keyIssues: listToText(f.keyIssues),
  decisions: listToText(f.decisions),
});
const fromDraft = (d: Draft): MinutesFields => ({
  body: d.body,
  keyIssues: textToList(d.keyIssues),
  decisions: textToList(d.decisions),
});

// The editor: what the person types stays in this page's state until saved. When someone else
// saves meanwhile, an untouched editor follows; a touched one keeps the typing and the save
// that follows is refused (409) and merged.
function Editor({ ctx, minutes }: { ctx: MeetingContext; minutes: Minutes }) {
  const { t } = useTranslation('minutes');
  const { meeting } = ctx;
  const save = useSaveMinutes(meeting.groupId, meeting.id);
  const fetchCurrent = useFetchMinutes(meeting.groupId, meeting.id, groupSourceLocale(ctx.group.languages));
  const [base, setBase] = useState<{ version: number; fields: MinutesFields }>(() => ({
    version: minutes.version,
    fields: fieldsOf(minutes),
  }));
  const [draft, setDraft] = useState<Draft>(() => toDraft(fieldsOf(minutes)));
  const [tab, setTab] = useState<'write' | 'preview'>('write');
  const [conflict, setConflict] = useState<Minutes | null>(null);
  const [saved, setSaved] = useState('');
  const dirty = isDirty(base.fields, fromDraft(draft));

  // Someone saved meanwhile: follow them when nothing was typed here (state adjusted during
  // render, so the editor never shows a stale text for a frame).
  const [seen, setSeen] = useState(minutes.version);
  if (minutes.version !== seen) {
    setSeen(minutes.version);
    if (!dirty && !conflict) {
      setBase({ version: minutes.version, fields: fieldsOf(minutes) });
      setDraft(toDraft(fieldsOf(minutes)));
    }
  }

  const submit = (fields: MinutesFields, expectedVersion: number) => {
    setSaved('');
    save.mutate(
      { ...fields, expectedVersion },
      {
        onSuccess: (m) => {
          setConflict(null);
          setBase({ version: m.version, fields: fieldsOf(m) });
          setDraft(toDraft(fieldsOf(m)));
          setSaved(t('saved', { version: m.version }));
        },
        onError: (e) => {
          if (e instanceof ApiProblem && e.status === 409) {
            void fetchCurrent().then((current) => {
              if (current.status === 'approved') return;
              setConflict(current);
            });
          }
        },
      },
    );
  };

  if (conflict) {
    const updatedBy = (conflict.updatedBy as { displayName?: string } | null)?.displayName;
    return (
      <MergeView
        base={base.fields}
        mine={fromDraft(draft)}
        theirs={fieldsOf(conflict)}
        theirsBy={updatedBy}
        saving={save.isPending}
        onSave={(merged) => {
          setDraft(toDraft(merged));
          submit(merged, conflict.version);
        }}
      />
    );
  }

  const problem =
    save.error && !(save.error instanceof ApiProblem && save.error.status === 409)
      ? describeProblem(save.error, t)
      : null;
  return (
    <Section title={t('edit')} id="minutes-edit">
      {minutes.version !== base.version ? (
        <p className="notice notice--warn" role="status">
          {t('changedMeanwhile')}
        </p>
      ) : null}
      <form
        className="form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          submit(fromDraft(draft), base.version);
        }}
      >
        <FormError message={problem?.message} />
        <div className="tabs" role="group" aria-label={t('bodyTabs')}>
          <button
            type="button"
            className={`button${tab === 'write' ? ' button--selected' : ''}`}
            aria-pressed={tab === 'write'}
            onClick={() => setTab('write')}
          >
            {t('write')}
          </button>
          <button
            type="button"
            className={`button${tab === 'preview' ? ' button--selected' : ''}`}
            aria-pressed={tab === 'preview'}
            onClick={() => setTab('preview')}
          >
            {t('preview')}
          </button>
        </div>
        {tab === 'write' ? (
          <TextAreaField
            label={t('fields.body')}
            hint={t('bodyHint')}
            rows={14}
            value={draft.body}
            onChange={(e) => setDraft((d) => ({ ...d, body: e.target.value }))}
            error={problem?.fields.body}
          />
        ) : (
          <div className="markdown-preview" aria-label={t('preview')} role="region">
            {/* markdown-it with raw HTML off: see markdown.ts */}
            <div dangerouslySetInnerHTML={{ __html: renderMarkdown(draft.body) }} />
          </div>
        )}
        <TextAreaField
          label={t('fields.keyIssues')}
          hint={t('listHint')}
          rows={4}
          value={draft.keyIssues}
          onChange={(e) => setDraft((d) => ({ ...d, keyIssues: e.target.value }))}
          error={problem?.fields.keyIssues}
        />
        <TextAreaField
          label={t('fields.decisions')}
          hint={t('listHint')}
          rows={4}
          value={draft.decisions}
          onChange={(e) => setDraft((d) => ({ ...d, decisions: e.target.value }))}
          error={problem?.fields.decisions}
        />
        <p role="status" className="muted small">
          {saved}
        </p>
        <button type="submit" className="button button--primary" disabled={save.isPending || !dirty}>
          {t('save')}
        </button>
      </form>
    </Section>
  );
}

function ReadOnly({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation('minutes');
  return (
    <Section title={t('text')} id="minutes-text">
      {minutes.body ? (
        <div
          className="markdown-preview"
          lang={minutes.locale}
          dangerouslySetInnerHTML={{ __html: renderMarkdown(minutes.body) }}
        />
      ) : (
        <p className="muted">{t('noText')}</p>
      )}
      <h3>{t('fields.keyIssues')}</h3>
      {minutes.keyIssues.length ? (
        <ul>
          {minutes.keyIssues.map((k, i) => (
            <li key={i}>{k}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('none')}</p>
      )}
      <h3>{t('fields.decisions')}</h3>
      {minutes.decisions.length ? (
        <ul>
          {minutes.decisions.map((k, i) => (
            <li key={i}>{k}</li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('none')}</p>
      )}
    </Section>
  );
}

function AttendanceList({ minutes }: { minutes: Minutes }) {
  const { t } = useTranslation('minutes');
  const present = minutes.attendance.filter((a) => a.attended);
  const absent = minutes.attendance.filter((a) => !a.attended);
  return (
    <Section title={t('attendance')} id="minutes-attendance">
      {minutes.attendance.length === 0 ? (
        <p className="muted">{t('noAttendance')}</p>
      ) : (
        <>
          <p>
            {t('present', {
              names: present.map((a) => `${a.displayName} (${a.organisation.name})`).join(', ') || '—',
            })}
          </p>
          {absent.length ? (
            <p className="muted">{t('absent', { names: absent.map((a) => a.displayName).join(', ') })}</p>
          ) : null}
        </>
      )}
    </Section>
  );
}

function Comments({ ctx, minutes }: { ctx: MeetingContext; minutes: Minutes }) {
  const { t } = useTranslation('minutes');
  const { meeting, group, locale } = ctx;
  const comments = useComments(meeting.groupId, meeting.id);
  const add = useComment(meeting.groupId, meeting.id);
  const [body, setBody] = useState('');
  const canComment = minutes.status === 'circulated' && group.myRole !== 'observer';
  return (
    <Section title={t('comments')} id="minutes-comments">
      <QueryState query={comments}>
        {(page: Schemas['MinutesCommentPageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('noComments')}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((c) => (
                <li key={c.id} className="card">
                  <p>{c.body}</p>
                  <p className="muted small">
                    {t('commentBy', {
                      name: c.author.displayName,
                      organisation: c.organisation.name,
                      when: formatInstant(c.createdAt, meeting.timezone, locale),
                      version: c.minutesVersion,
                    })}
                  </p>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
      {canComment ? (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(body, { onSuccess: () => setBody('') });
          }}
        >
          <FormError message={add.error ? describeProblem(add.error, t).message : null} />
          <TextAreaField
            label={t('commentLabel')}
            required
            rows={3}
            maxLength={5000}
            value={body}
            onChange={(e) => setBody(e.target.value)}
          />
          <button type="submit" className="button" disabled={add.isPending}>
            {t('commentSubmit')}
          </button>
        </form>
      ) : minutes.status === 'draft' ? (
        <p className="muted small">{t('commentsOnceCirculated')}</p>
      ) : null}
    </Section>
  );
}

function Revisions({ ctx }: { ctx: MeetingContext }) {
  const { t } = useTranslation('minutes');
  const { meeting, locale } = ctx;
  const revisions = useRevisions(meeting.groupId, meeting.id);
  return (
    <Section title={t('revisions')} id="minutes-revisions">
      <QueryState query={revisions}>
        {(page: Schemas['MinutesRevisionPageDto']) =>
          page.items.length === 0 ? (
            <p className="muted">{t('noRevisions')}</p>
          ) : (
            <ul className="card-list">
              {page.items.map((r) => (
                <li key={r.version} className="card">
                  <details>
                    <summary>
                      {t('revisionLine', {
                        version: r.version,
                        name: r.author.displayName,
                        when: formatInstant(r.createdAt, meeting.timezone, locale),
                      })}
                    </summary>
                    <pre className="merge-text">{r.body}</pre>
                    {r.keyIssues.length ? (
                      <p>{t('keyIssuesLine', { items: r.keyIssues.join('; ') })}</p>
                    ) : null}
                    {r.decisions.length ? (
                      <p>{t('decisionsLine', { items: r.decisions.join('; ') })}</p>
                    ) : null}
                  </details>
                </li>
              ))}
            </ul>
          )
        }
      </QueryState>
    </Section>
  );
}
