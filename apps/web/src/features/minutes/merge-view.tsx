import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listToText, textToList, threeWayMerge, type FieldName, type MinutesFields } from './merge';

type Choice = 'mine' | 'theirs' | 'edited';
const KEEP = ['theirs', 'mine'] as const;

// After a stale save: for each field changed on both sides, "theirs" (saved meanwhile) beside
// "mine" (typed here), pick one or edit the merge; fields changed on one side only are merged
// already. Saving sends the merged text on top of their version.
export function MergeView({
  base,
  mine,
  theirs,
  theirsBy,
  saving,
  onSave,
  onCancel,
}: {
  base: MinutesFields;
  mine: MinutesFields;
  theirs: MinutesFields;
  theirsBy?: string | null;
  saving?: boolean;
  onSave: (merged: MinutesFields) => void;
  onCancel?: () => void;
}) {
  const { t } = useTranslation('minutes');
  const merges = threeWayMerge(base, mine, theirs);
  const text = (f: FieldName, v: MinutesFields) => (f === 'body' ? v.body : listToText(v[f]));
  const [choice, setChoice] = useState<Record<FieldName, Choice>>(() => ({
    body: merges[0].status === 'theirs' ? 'theirs' : 'mine',
    keyIssues: merges[1].status === 'theirs' ? 'theirs' : 'mine',
    decisions: merges[2].status === 'theirs' ? 'theirs' : 'mine',
  }));
  const [edited, setEdited] = useState<Record<FieldName, string>>(() => ({
    body: text('body', merges[0].status === 'theirs' ? theirs : mine),
    keyIssues: text('keyIssues', merges[1].status === 'theirs' ? theirs : mine),
    decisions: text('decisions', merges[2].status === 'theirs' ? theirs : mine),
  }));
  const conflicts = merges.filter((m) => m.status === 'conflict');
  const valueOf = (f: FieldName): string =>
    choice[f] === 'edited' ? edited[f] : text(f, choice[f] === 'theirs' ? theirs : mine);

  const save = () =>
    onSave({
      body: valueOf('body'),
      keyIssues: textToList(valueOf('keyIssues')),
      decisions: textToList(valueOf('decisions')),
    });

  return (
    <section className="merge-view" aria-labelledby="merge-title">
      <h2 id="merge-title">{t('merge.title')}</h2>
      <p className="notice notice--warn">
        {theirsBy ? t('merge.explainBy', { name: theirsBy }) : t('merge.explain')}{' '}
        {conflicts.length === 0 ? t('merge.noConflict') : t('merge.conflicts', { count: conflicts.length })}
      </p>
      {merges.map((m) =>
        m.status === 'same' ? null : (
          <MergeField
            key={m.field}
            field={m.field}
            status={m.status}
            mine={text(m.field, mine)}
            theirs={text(m.field, theirs)}
            choice={choice[m.field]}
            edited={edited[m.field]}
            onChoice={(c) => {
              setChoice((x) => ({ ...x, [m.field]: c }));
              if (c !== 'edited')
                setEdited((x) => ({ ...x, [m.field]: text(m.field, c === 'theirs' ? theirs : mine) }));
            }}
            onEdit={(v) => {
              setEdited((x) => ({ ...x, [m.field]: v }));
              setChoice((x) => ({ ...x, [m.field]: 'edited' }));
            }}
          />
        ),
      )}
      <div className="button-row">
        <button type="button" className="button button--primary" disabled={saving} onClick={save}>
          {t('merge.save')}
        </button>
        {onCancel ? (
          <button type="button" className="button button--quiet" onClick={onCancel}>
            {t('merge.back')}
          </button>
        ) : null}
      </div>
    </section>
  );
}

function MergeField({
  field,
  status,
  mine,
  theirs,
  choice,
  edited,
  onChoice,
  onEdit,
}: {
  field: FieldName;
  status: string;
  mine: string;
  theirs: string;
  choice: Choice;
  edited: string;
  onChoice: (c: Choice) => void;
  onEdit: (v: string) => void;
}) {
  const { t } = useTranslation('minutes');
  const id = useId();
  return (
    <fieldset className="merge-field">
      <legend>
        {t(`fields.${field}`)} — {t(`merge.status.${status}`)}
      </legend>
      <div className="merge-columns">
        <div>
          <p className="label" id={`${id}-theirs`}>
            {t('merge.theirs')}
          </p>
          <pre className="merge-text" aria-labelledby={`${id}-theirs`}>
            {theirs || t('merge.empty')}
          </pre>
        </div>
        <div>
          <p className="label" id={`${id}-mine`}>
            {t('merge.mine')}
          </p>
          <pre className="merge-text" aria-labelledby={`${id}-mine`}>
            {mine || t('merge.empty')}
          </pre>
        </div>
      </div>
      <div
        className="button-row"
        role="radiogroup"
        aria-label={t('merge.keepFor', { field: t(`fields.${field}`) })}
      >
        {KEEP.map((c) => (
          <label key={c} className="radio">
            <input type="radio" name={`${id}-choice`} checked={choice === c} onChange={() => onChoice(c)} />{' '}
            {t(`merge.keep.${c}`)}
          </label>
        ))}
      </div>
      <label htmlFor={`${id}-merged`}>{t('merge.result', { field: t(`fields.${field}`) })}</label>
      <textarea
        id={`${id}-merged`}
        rows={field === 'body' ? 8 : 4}
        value={edited}
        onChange={(e) => onEdit(e.target.value)}
      />
    </fieldset>
  );
}
