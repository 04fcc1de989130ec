import { useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type DragEvent, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { Dialog, FormError, QueryState, Section, SelectField, TextAreaField, TextField } from '@/components';
import { ContentLanguageSwitch, groupSourceLocale, useGroupTranslations } from '@/features/documents';
import { MeetingFrame, type MeetingContext } from '@/features/meetings';
import { formatCalendarDate, formatInstant } from '@/i18n/format';
import {
  useAcceptItem,
  useAddItem,
  useAgenda,
  useDeferItem,
  usePublish,
  useRejectItem,
  useRemoveItem,
  useReorder,
  type Agenda,
  type AgendaItem,
  type AgendaItemKind,
} from './api';
import { moveItem } from './order';

const KINDS: AgendaItemKind[] = ['challenge', 'presentation', 'other'];

export function AgendaPage() {
  const { groupId, meetingId } = useParams({ from: '/app/groups/$groupId/meetings/$meetingId/agenda' });
  return (
    <MeetingFrame groupId={groupId} meetingId={meetingId}>
      {(ctx) => <AgendaScreen ctx={ctx} />}
    </MeetingFrame>
  );
}

function AgendaScreen({ ctx }: { ctx: MeetingContext }) {
  const { t } = useTranslation('agenda');
  const { meeting, manage, group, locale } = ctx;
  const sourceLocale = groupSourceLocale(group.languages);
  const search = useSearch({ from: '/app/groups/$groupId/meetings/$meetingId/agenda' });
  const reading = search.locale ?? sourceLocale;
  const agenda = useAgenda(meeting.groupId, meeting.id, reading);
  const publish = usePublish(meeting.groupId, meeting.id);
  return (
    <QueryState query={agenda}>
      {(a: Agenda) => {
        const accepted = a.items
          .filter((i) => i.status === 'accepted')
          .sort((x, y) => x.position - y.position);
        const proposed = a.items.filter((i) => i.status === 'proposed');
        const others = a.items.filter((i) => i.status === 'rejected' || i.status === 'deferred');
        return (
          <>
            <Section
              title={t('title')}
              id="agenda-items"
              actions={
                manage ? (
                  <button
                    type="button"
                    className="button button--primary"
                    disabled={publish.isPending}
                    onClick={() => publish.mutate()}
                  >
                    {a.status === 'published' ? t('republish') : t('publish')}
                  </button>
                ) : null
              }
            >
              <p className="muted">
                {a.status === 'published' && a.publishedAt
                  ? t('publishedAt', { when: formatInstant(a.publishedAt, meeting.timezone, locale) })
                  : t('draft')}
              </p>
              <FormError message={publish.error ? describeProblem(publish.error, t).message : null} />
              <AgendaLanguage ctx={ctx} agenda={a} sourceLocale={sourceLocale} reading={reading} />
              <AcceptedItems ctx={ctx} items={accepted} />
            </Section>
            <Section title={t('proposed')} id="agenda-proposed">
              {proposed.length === 0 ? (
                <p className="muted">{t('noProposals')}</p>
              ) : (
                <ul className="card-list">
                  {proposed.map((item) => (
                    <li key={item.id} className="card">
                      <ItemBody item={item} ctx={ctx} />
                      {manage ? <Decide item={item} groupId={meeting.groupId} /> : null}
                    </li>
                  ))}
                </ul>
              )}
            </Section>
            {group.myRole !== 'observer' ? <ProposeForm ctx={ctx} /> : null}
            {others.length > 0 ? (
              <Section title={t('setAside')} id="agenda-set-aside">
                <ul className="card-list">
                  {others.map((item) => (
                    <li key={item.id} className="card">
                      <ItemBody item={item} ctx={ctx} />
                      <p className="muted small">
                        {item.status === 'rejected'
                          ? t('rejectedBecause', { reason: item.rejectReason ?? '' })
                          : t('deferred')}
                      </p>
                    </li>
                  ))}
                </ul>
              </Section>
            ) : null}
          </>
        );
      }}
    </QueryState>
  );
}

// One switch for the whole agenda: the languages any of its items is translated into; the
// notice follows what was answered (some items may have no translation and read as written).
function AgendaLanguage({
  ctx,
  agenda,
  sourceLocale,
  reading,
}: {
  ctx: MeetingContext;
  agenda: Agenda;
  sourceLocale: string;
  reading: string;
}) {
  const { meeting } = ctx;
  const navigate = useNavigate();
  const translations = useGroupTranslations(
    meeting.groupId,
    'agenda_item',
    agenda.items.map((i) => i.id),
  );
  const translated = agenda.items.filter((i) => i.locale !== sourceLocale);
  return (
    <ContentLanguageSwitch
      sourceLocale={sourceLocale}
      answered={translated.length ? reading : sourceLocale}
      stale={translated.some((i) => i.translationStale)}
      translations={translations}
      onChange={(next) =>
        void navigate({
          to: '/groups/$groupId/meetings/$meetingId/agenda',
          params: { groupId: meeting.groupId, meetingId: meeting.id },
          search: next === sourceLocale ? {} : { locale: next },
        })
      }
    />
  );
}

function ItemBody({ item, ctx }: { item: AgendaItem; ctx: MeetingContext }) {
  const { t } = useTranslation('agenda');
  return (
    <div className="agenda-item-body">
      <h3 className="agenda-item-title">
        {item.title} <span className="badge badge--muted">{t(`kind.${item.kind}`)}</span>
        {item.standing ? <span className="badge">{t('standing')}</span> : null}
        {item.changedAfterPublish ? <span className="badge badge--accent">{t('changed')}</span> : null}
        {item.deferredFromItemId ? <span className="badge badge--muted">{t('carriedOver')}</span> : null}
      </h3>
      {item.description ? <p>{item.description}</p> : null}
      {item.durationMinutes ? (
        <p className="muted small">{t('minutes', { count: item.durationMinutes })}</p>
      ) : null}
      {item.incidents.length > 0 ? (
        <>
          <p className="label">{t('incidents')}</p>
          <ul className="link-list">
            {item.incidents.map((i) => (
              <li key={i.id}>
                {t('incidentLine', {
                  title: i.title,
                  severity: i.severity,
                  when: formatInstant(i.occurredAt, ctx.meeting.timezone, ctx.locale, { dateOnly: true }),
                })}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {item.recommendations.length > 0 ? (
        <>
          <p className="label">{t('recommendations')}</p>
          <ul className="link-list">
            {item.recommendations.map((r) => (
              <li key={r.id}>
                {r.dueDate
                  ? t('recommendationDue', { title: r.title, due: formatCalendarDate(r.dueDate, ctx.locale) })
                  : r.title}
                {r.overdue ? <span className="badge badge--accent">{t('overdue')}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

// The accepted items in order; the focal point and co-chairs move them with the buttons, the
// arrow keys on a focused handle, or by dragging the handle.
function AcceptedItems({ ctx, items }: { ctx: MeetingContext; items: AgendaItem[] }) {
  const { t } = useTranslation('agenda');
  const { meeting, manage } = ctx;
  const reorder = useReorder(meeting.groupId, meeting.id);
  const defer = useDeferItem(meeting.groupId);
  const remove = useRemoveItem(meeting.groupId);
  const [dragging, setDragging] = useState<string | null>(null);
  const [announce, setAnnounce] = useState('');
  const ids = items.map((i) => i.id);
  const byId = new Map(items.map((i) => [i.id, i]));

  const move = (id: string, to: number) => {
    const next = moveItem(ids, id, to);
    if (!next) return;
    reorder.mutate(next, {
      onSuccess: () =>
        setAnnounce(
          t('moved', {
            title: byId.get(id)?.title ?? '',
            position: next.indexOf(id) + 1,
            total: next.length,
          }),
        ),
    });
  };
  const onHandleKey = (e: KeyboardEvent, id: string, index: number) => {
    if (e.key === 'ArrowUp') {
      e.preventDefault();
      move(id, index - 1);
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      move(id, index + 1);
    }
  };
  const onDrop = (e: DragEvent, index: number) => {
    e.preventDefault();
    if (dragging) move(dragging, index);
    setDragging(null);
  };
  const error = reorder.error ?? defer.error ?? remove.error;

  if (items.length === 0) return <p className="muted">{t('empty')}</p>;
  return (
    <>
      <p role="status" className="visually-hidden">
        {announce}
      </p>
      <FormError message={error ? describeProblem(error, t, { 409: 'agenda:conflict' }).message : null} />
      {manage ? <p className="muted small">{t('reorderHint')}</p> : null}
      <ol className="agenda-list">
        {items.map((item, index) => (
          <li
            key={item.id}
            className={`card agenda-item${dragging === item.id ? ' agenda-item--dragging' : ''}`}
            onDragOver={manage ? (e) => e.preventDefault() : undefined}
            onDrop={manage ? (e) => onDrop(e, index) : undefined}
          >
            {manage ? (
              <button
                type="button"
                className="drag-handle"
                draggable
                aria-label={t('handle', { title: item.title, position: index + 1, total: items.length })}
                onDragStart={(e) => {
                  e.dataTransfer.effectAllowed = 'move';
                  e.dataTransfer.setData('text/plain', item.id);
                  setDragging(item.id);
                }}
                onDragEnd={() => setDragging(null)}
                onKeyDown={(e) => onHandleKey(e, item.id, index)}
              >
                <span aria-hidden="true" className="drag-handle-mark" />
              </button>
            ) : null}
            <ItemBody item={item} ctx={ctx} />
            {manage ? (
              <div className="button-row">
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={index === 0 || reorder.isPending}
                  aria-label={t('moveUpNamed', { title: item.title })}
                  onClick={() => move(item.id, index - 1)}
                >
                  {t('moveUp')}
                </button>
                <button
                  type="button"
                  className="button button--quiet"
                  disabled={index === items.length - 1 || reorder.isPending}
                  aria-label={t('moveDownNamed', { title: item.title })}
                  onClick={() => move(item.id, index + 1)}
                >
                  {t('moveDown')}
                </button>
                {!item.standing ? (
                  <>
                    <button
                      type="button"
                      className="button button--quiet"
                      disabled={defer.isPending}
                      aria-label={t('deferNamed', { title: item.title })}
                      onClick={() => defer.mutate(item.id)}
                    >
                      {t('defer')}
                    </button>
                    <button
                      type="button"
                      className="button button--danger-quiet"
                      disabled={remove.isPending}
                      aria-label={t('removeNamed', { title: item.title })}
                      onClick={() => {
                        if (window.confirm(t('removeConfirm', { title: item.title }))) remove.mutate(item.id);
                      }}
                    >
                      {t('remove')}
                    </button>
                  </>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

function Decide({ item, groupId }: { item: AgendaItem; groupId: string }) {
  const { t } = useTranslation('agenda');
  const accept = useAcceptItem(groupId);
  const reject = useRejectItem(groupId);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const error = accept.error ?? reject.error;
  return (
    <>
      <div className="button-row">
        <button
          type="button"
          className="button button--primary"
          disabled={accept.isPending}
          aria-label={t('acceptNamed', { title: item.title })}
          onClick={() => accept.mutate(item.id)}
        >
          {t('accept')}
        </button>
        <Dialog
          open={open}
          onOpenChange={setOpen}
          title={t('rejectTitle', { title: item.title })}
          trigger={
            <button
              type="button"
              className="button button--danger-quiet"
              aria-label={t('rejectNamed', { title: item.title })}
            >
              {t('reject')}
            </button>
          }
        >
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              reject.mutate({ itemId: item.id, reason }, { onSuccess: () => setOpen(false) });
            }}
          >
            <TextField
              label={t('rejectReason')}
              required
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
            <button type="submit" className="button button--danger" disabled={reject.isPending}>
              {t('rejectSubmit')}
            </button>
          </form>
        </Dialog>
      </div>
      <FormError message={error ? describeProblem(error, t).message : null} />
    </>
  );
}

function ProposeForm({ ctx }: { ctx: MeetingContext }) {
  const { t } = useTranslation('agenda');
  const add = useAddItem(ctx.meeting.groupId, ctx.meeting.id);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [kind, setKind] = useState<AgendaItemKind>('challenge');
  const [duration, setDuration] = useState('');
  const [done, setDone] = useState('');
  const problem = add.error ? describeProblem(add.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone('');
    add.mutate(
      {
        title,
        description: description || undefined,
        kind,
        durationMinutes: duration ? Number(duration) : undefined,
      },
      {
        onSuccess: (item) => {
          setTitle('');
          setDescription('');
          setDuration('');
          setDone(item.status === 'proposed' ? t('proposedDone') : t('addedDone'));
        },
      },
    );
  };
  return (
    <Section title={ctx.manage ? t('addTitle') : t('proposeTitle')} id="agenda-propose">
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
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
          rows={3}
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          error={problem?.fields.description}
        />
        <div className="field-row">
          <SelectField
            label={t('fields.kind')}
            value={kind}
            onChange={(e) => setKind(e.target.value as AgendaItemKind)}
            options={KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
          />
          <TextField
            label={t('fields.duration')}
            type="number"
            min={1}
            max={600}
            value={duration}
            onChange={(e) => setDuration(e.target.value)}
            error={problem?.fields.durationMinutes}
          />
        </div>
        <p role="status" className="muted small">
          {done}
        </p>
        <button type="submit" className="button button--primary" disabled={add.isPending}>
          {ctx.manage ? t('add') : t('propose')}
        </button>
      </form>
    </Section>
  );
}
