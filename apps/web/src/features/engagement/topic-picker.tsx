import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { type Schemas } from '@/api';

// The catalogue topics as checkboxes in a labelled group; minimum topics marked.
export function TopicPicker({
  legend,
  topics,
  value,
  onChange,
  error,
}: {
  legend: string;
  topics: Schemas['TrainingTopicDto'][];
  value: string[];
  onChange: (next: string[]) => void;
  error?: string;
}) {
  const { t } = useTranslation('engagement');
  const base = useId();
  return (
    <fieldset className="field topic-picker">
      <legend>{legend}</legend>
      {topics.map((topic) => (
        <div key={topic.key} className="field field--checkbox">
          <input
            type="checkbox"
            id={`${base}-${topic.key}`}
            checked={value.includes(topic.key)}
            onChange={(e) =>
              onChange(e.target.checked ? [...value, topic.key] : value.filter((k) => k !== topic.key))
            }
          />
          <label htmlFor={`${base}-${topic.key}`}>
            {topic.minimum ? t('topics.minimumLabel', { label: topic.label }) : topic.label}
          </label>
        </div>
      ))}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
