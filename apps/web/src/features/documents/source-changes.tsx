import { diffWords } from 'diff';
import { useTranslation } from 'react-i18next';

type Fields = Record<string, string | string[] | null>;
const text = (v: Fields[string] | undefined) => (Array.isArray(v) ? v.join('\n') : (v ?? ''));

// What changed in the source since the translation was made, field by field, word by word:
// insertions and deletions as <ins>/<del>, so assistive technology announces them too.
export function SourceChanges({
  before,
  after,
  fields,
}: {
  before: Fields;
  after: Fields;
  fields: string[];
}) {
  const { t } = useTranslation('documents');
  const changed = fields.filter((f) => text(before[f]) !== text(after[f]));
  if (changed.length === 0) return <p className="muted">{t('editor.noChanges')}</p>;
  return (
    <dl className="source-changes">
      {changed.map((f) => (
        <div key={f}>
          <dt>{t(`fields.${f}`)}</dt>
          <dd className="diff">
            {diffWords(text(before[f]), text(after[f])).map((part, n) =>
              part.added ? (
                <ins key={n}>{part.value}</ins>
              ) : part.removed ? (
                <del key={n}>{part.value}</del>
              ) : (
                <span key={n}>{part.value}</span>
              ),
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
