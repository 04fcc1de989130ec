import { Link, useParams } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { FormError, Page, QueryState, Section, SelectField, TextAreaField, TextField } from '@/components';
import { canManage, useMyGroups } from '@/features/groups';
import { DOCUMENT_KINDS, useCreateDocument, useDocuments, type DocumentKind } from './api';
import { TranslationBadges } from './translation-badges';

// The group's document library: policy statement, terms of reference, the VPs text and
// explanatory notes, each with the state of its translations.
export function DocumentsPage() {
  const { t, i18n } = useTranslation('documents');
  const { groupId } = useParams({ from: '/app/groups/$groupId/documents' });
  const groups = useMyGroups();
  const group = groups.data?.items.find((g) => g.id === groupId);
  const documents = useDocuments(groupId, i18n.resolvedLanguage);
  return (
    <Page title={t('library.title')}>
      <p>
        <Link to="/groups/$groupId" params={{ groupId }}>
          {t('library.backToGroup', { name: group?.name ?? '' })}
        </Link>
      </p>
      <Section title={t('library.documents')} id="documents-list">
        <QueryState query={documents}>
          {(data: Schemas['DocumentListDto']) =>
            data.items.length === 0 ? (
              <p className="muted">{t('library.empty')}</p>
            ) : (
              <table className="table">
                <caption className="visually-hidden">{t('library.documents')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('fields.title')}</th>
                    <th scope="col">{t('fields.kind')}</th>
                    <th scope="col">{t('fields.sourceLocale')}</th>
                    <th scope="col">{t('library.translations')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((d) => (
                    <tr key={d.id}>
                      <td>
                        <Link
                          to="/groups/$groupId/documents/$documentId"
                          params={{ groupId, documentId: d.id }}
                          lang={d.locale}
                        >
                          {d.title}
                        </Link>
                      </td>
                      <td>{t(`kind.${d.kind}`)}</td>
                      <td>{d.sourceLocale}</td>
                      <td>
                        <TranslationBadges translations={d.translations} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )
          }
        </QueryState>
      </Section>
      {canManage(group) ? <NewDocument groupId={groupId} /> : null}
    </Page>
  );
}

function NewDocument({ groupId }: { groupId: string }) {
  const { t, i18n } = useTranslation('documents');
  const create = useCreateDocument(groupId);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<DocumentKind>('policy_statement');
  const [sourceLocale, setSourceLocale] = useState(i18n.resolvedLanguage ?? 'en');
  const [body, setBody] = useState('');
  const problem = create.error ? describeProblem(create.error, t) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      { title, kind, sourceLocale, body },
      {
        onSuccess: () => {
          setTitle('');
          setBody('');
        },
      },
    );
  };
  return (
    <Section title={t('library.new')} id="documents-new">
      <form className="form" onSubmit={submit}>
        <FormError message={problem?.message} />
        <TextField
          label={t('fields.title')}
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          required
          error={problem?.fields.title}
        />
        <SelectField
          label={t('fields.kind')}
          value={kind}
          onChange={(e) => setKind(e.target.value as DocumentKind)}
          options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
        />
        <TextField
          label={t('fields.sourceLocale')}
          hint={t('fields.localeHint')}
          value={sourceLocale}
          onChange={(e) => setSourceLocale(e.target.value)}
          required
          error={problem?.fields.sourceLocale}
        />
        <TextAreaField
          label={t('fields.body')}
          hint={t('fields.markdownHint')}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={10}
          error={problem?.fields.body}
        />
        <button type="submit" className="button button--primary" disabled={create.isPending}>
          {t('library.create')}
        </button>
      </form>
    </Section>
  );
}
