import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { FormError, Page, QueryState, Section, SelectField, TextAreaField, TextField } from '@/components';
import {
  TRANSLATION_STATUSES,
  useDocument,
  useDocumentTranslation,
  useSaveTranslation,
  type GroupDocument,
  type TranslationDetail,
  type TranslationStatus,
} from './api';
import { SourceChanges } from './source-changes';

const FIELDS = ['title', 'body'];

// Side by side: the source as it is now on one side, the translation on the other, and above
// them what changed in the source since the translation was made.
export function TranslationEditorPage() {
  const { t } = useTranslation('documents');
  const { groupId, documentId, locale } = useParams({
    from: '/app/groups/$groupId/documents/$documentId/translate/$locale',
  });
  const translation = useDocumentTranslation(groupId, documentId, locale);
  const doc = useDocument(groupId, documentId);
  return (
    <QueryState query={doc}>
      {(d: GroupDocument) => (
        <QueryState query={translation}>
          {(tr: TranslationDetail | null) => (
            <Page title={t('editor.title', { title: d.title, locale })}>
              <p>
                <Link to="/groups/$groupId/documents/$documentId" params={{ groupId, documentId }}>
                  {t('editor.backToDocument')}
                </Link>
              </p>
              {tr ? (
                <Section title={t('editor.changesTitle')} id="translation-changes">
                  {tr.stale ? (
                    <p className="badge badge--accent">
                      {t('editor.stale', { from: tr.sourceRevision, now: tr.currentRevision })}
                    </p>
                  ) : (
                    <p className="muted">{t('editor.current')}</p>
                  )}
                  <SourceChanges before={tr.sourceFieldsAtRevision} after={tr.sourceFields} fields={FIELDS} />
                </Section>
              ) : null}
              <div className="side-by-side">
                <Section
                  title={t('editor.source', { locale: tr?.sourceLocale ?? d.sourceLocale })}
                  id="translation-source"
                >
                  <SourceText groupId={groupId} tr={tr} doc={d} />
                </Section>
                <Section title={t('editor.translation', { locale })} id="translation-target">
                  <TranslationForm
                    key={tr?.updatedAt ?? 'new'}
                    groupId={groupId}
                    documentId={documentId}
                    locale={locale}
                    tr={tr}
                  />
                </Section>
              </div>
            </Page>
          )}
        </QueryState>
      )}
    </QueryState>
  );
}

function SourceText({
  groupId,
  tr,
  doc,
}: {
  groupId: string;
  tr: TranslationDetail | null;
  doc: GroupDocument;
}) {
  const { t } = useTranslation('documents');
  // The translation detail carries the source as it is now; before the first save, the
  // document read in its source locale does.
  const source = useDocument(groupId, doc.id, doc.sourceLocale);
  const title = tr ? String(tr.sourceFields.title ?? '') : (source.data?.title ?? '');
  const body = tr ? String(tr.sourceFields.body ?? '') : (source.data?.body ?? '');
  return (
    <div lang={tr?.sourceLocale ?? doc.sourceLocale}>
      <h3>{title}</h3>
      <div className="document-body" aria-label={t('fields.body')}>
        {body}
      </div>
    </div>
  );
}

function TranslationForm({
  groupId,
  documentId,
  locale,
  tr,
}: {
  groupId: string;
  documentId: string;
  locale: string;
  tr: TranslationDetail | null;
}) {
  const { t } = useTranslation('documents');
  const save = useSaveTranslation(groupId, documentId, locale);
  const [title, setTitle] = useState(String(tr?.fields.title ?? ''));
  const [body, setBody] = useState(String(tr?.fields.body ?? ''));
  const [status, setStatus] = useState<TranslationStatus>(tr?.status ?? 'draft');
  const problem = save.error ? describeProblem(save.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate({ fields: { title, body }, status });
  };
  return (
    <form className="form" onSubmit={submit} lang={locale}>
      <FormError message={problem?.message} />
      <TextField
        label={t('editor.translatedTitle')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        error={problem?.fields['fields.title']}
      />
      <TextAreaField
        label={t('editor.translatedBody')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={14}
        error={problem?.fields['fields.body']}
      />
      <SelectField
        label={t('fields.status')}
        value={status}
        onChange={(e) => setStatus(e.target.value as TranslationStatus)}
        options={TRANSLATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
      />
      <button type="submit" className="button button--primary" disabled={save.isPending}>
        {t('editor.save')}
      </button>
      {save.isSuccess ? (
        <p role="status" className="muted">
          {t('editor.saved')}
        </p>
      ) : null}
    </form>
  );
}
