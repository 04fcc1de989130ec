import { Link, useNavigate, useParams, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import {
  CheckboxField,
  FormError,
  Page,
  QueryState,
  Section,
  SelectField,
  TextAreaField,
  TextField,
} from '@/components';
import { canManage, useMyGroups } from '@/features/groups';
import { useDocument, useUpdateDocument, type GroupDocument } from './api';
import { TranslationBadges } from './translation-badges';

// One document in the language the reader picks (the language switch), its translations, and
// for the focal point and co-chairs: editing the source and starting a translation.
export function DocumentPage() {
  const { t } = useTranslation('documents');
  const { groupId, documentId } = useParams({ from: '/app/groups/$groupId/documents/$documentId' });
  const { locale } = useSearch({ from: '/app/groups/$groupId/documents/$documentId' });
  const navigate = useNavigate();
  const doc = useDocument(groupId, documentId, locale);
  const groups = useMyGroups();
  const manage = canManage(groups.data?.items.find((g) => g.id === groupId));
  return (
    <QueryState query={doc}>
      {(d: GroupDocument) => (
        <Page title={d.title}>
          <p>
            <Link to="/groups/$groupId/documents" params={{ groupId }}>
              {t('document.backToLibrary')}
            </Link>
          </p>
          <SelectField
            label={t('document.language')}
            value={d.locale}
            onChange={(e) =>
              void navigate({
                to: '/groups/$groupId/documents/$documentId',
                params: { groupId, documentId },
                search: { locale: e.target.value },
              })
            }
            options={[
              { value: d.sourceLocale, label: t('document.sourceOption', { locale: d.sourceLocale }) },
              ...d.translations.map((tr) => ({
                value: tr.locale,
                label: t('document.translationOption', {
                  locale: tr.locale,
                  status: t(`status.${tr.status}`),
                }),
              })),
            ]}
          />
          {d.locale !== d.sourceLocale ? (
            <p role="status" className={d.translationStale ? 'badge badge--accent' : 'muted'}>
              {d.translationStale
                ? t('document.staleNotice', { locale: d.locale, source: d.sourceLocale })
                : t('document.translationNotice', { locale: d.locale, source: d.sourceLocale })}
            </p>
          ) : null}
          <Section title={t('fields.body')} id="document-body">
            <div className="document-body" lang={d.locale}>
              {d.body}
            </div>
          </Section>
          <Section title={t('library.translations')} id="document-translations">
            <TranslationBadges translations={d.translations} />
            {manage ? <StartTranslation groupId={groupId} doc={d} /> : null}
          </Section>
          {manage ? (
            <EditSource groupId={groupId} documentId={documentId} sourceLocale={d.sourceLocale} />
          ) : null}
        </Page>
      )}
    </QueryState>
  );
}

function StartTranslation({ groupId, doc }: { groupId: string; doc: GroupDocument }) {
  const { t } = useTranslation('documents');
  const navigate = useNavigate();
  const [locale, setLocale] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void navigate({
      to: '/groups/$groupId/documents/$documentId/translate/$locale',
      params: { groupId, documentId: doc.id, locale: locale.trim() },
    });
  };
  return (
    <>
      <ul className="link-list">
        {doc.translations.map((tr) => (
          <li key={tr.locale}>
            <Link
              to="/groups/$groupId/documents/$documentId/translate/$locale"
              params={{ groupId, documentId: doc.id, locale: tr.locale }}
            >
              {t('document.editTranslation', { locale: tr.locale })}
            </Link>
          </li>
        ))}
      </ul>
      <form className="form form--inline" onSubmit={submit}>
        <TextField
          label={t('document.newTranslationLocale')}
          hint={t('fields.localeHint')}
          value={locale}
          onChange={(e) => setLocale(e.target.value)}
          required
        />
        <button type="submit" className="button">
          {t('document.translate')}
        </button>
      </form>
    </>
  );
}

// The source is always edited as written (no locale): a minor edit keeps translations current.
function EditSource({
  groupId,
  documentId,
  sourceLocale,
}: {
  groupId: string;
  documentId: string;
  sourceLocale: string;
}) {
  const { t } = useTranslation('documents');
  const source = useDocument(groupId, documentId, sourceLocale);
  return (
    <Section title={t('document.editSource')} id="document-edit">
      <QueryState query={source}>
        {(d: GroupDocument) => <EditSourceForm key={d.revision} groupId={groupId} doc={d} />}
      </QueryState>
    </Section>
  );
}

function EditSourceForm({ groupId, doc }: { groupId: string; doc: GroupDocument }) {
  const { t } = useTranslation('documents');
  const update = useUpdateDocument(groupId, doc.id);
  const [title, setTitle] = useState(doc.title);
  const [body, setBody] = useState(doc.body);
  const [minorEdit, setMinorEdit] = useState(false);
  const problem = update.error ? describeProblem(update.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    update.mutate({ title, body, minorEdit });
  };
  return (
    <form className="form" onSubmit={submit} lang={doc.sourceLocale}>
      <FormError message={problem?.message} />
      <TextField
        label={t('fields.title')}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        required
        error={problem?.fields.title}
      />
      <TextAreaField
        label={t('fields.body')}
        hint={t('fields.markdownHint')}
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={12}
        error={problem?.fields.body}
      />
      <CheckboxField
        label={t('document.minorEdit')}
        checked={minorEdit}
        onChange={(e) => setMinorEdit(e.target.checked)}
      />
      <button type="submit" className="button button--primary" disabled={update.isPending}>
        {t('document.saveSource')}
      </button>
    </form>
  );
}
