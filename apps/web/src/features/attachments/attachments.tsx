import { useId, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { describeProblem } from '@/api';
import { Dialog, FormError } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import {
  useAttachmentObjectUrl,
  useAttachments,
  useDeleteAttachment,
  useDownloadAttachment,
  useUploadAttachment,
  type Attachment,
} from './api';

const PROBLEM_TEXTS = {
  413: 'attachments:errors.tooLarge',
  415: 'attachments:errors.unsupported',
  422: 'attachments:errors.malware',
};

const previewable = (a: Attachment) =>
  a.contentType.startsWith('image/') || a.contentType === 'application/pdf';

// The files on one object (an incident, an update, minutes, an agreement version, …): list with
// thumbnails, upload with progress, preview, download and delete where allowed. `ownerPath` is
// the object's API path without /api/v1, e.g. `incidents/<id>`; `timeZone` the group's zone.
export function Attachments({
  ownerPath,
  timeZone,
  canUpload = true,
  headingLevel = 2,
}: {
  ownerPath: string;
  timeZone: string;
  canUpload?: boolean;
  headingLevel?: 2 | 3 | 4;
}) {
  const { t } = useTranslation('attachments');
  const headingId = useId();
  const Heading = `h${headingLevel}` as const;
  const list = useAttachments(ownerPath);
  const upload = useUploadAttachment(ownerPath);
  const remove = useDeleteAttachment(ownerPath);
  const download = useDownloadAttachment();
  const [preview, setPreview] = useState<Attachment | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const inputId = useId();

  const onFile = (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    upload.mutate(file, { onSettled: () => input.current && (input.current.value = '') });
  };
  const failure = upload.error ?? remove.error ?? download.error ?? list.error;

  // A page's own files are a region (a landmark); files of one item among many (each session,
  // request, progress report, version) are a group, or a screen reader would list a landmark
  // "Files" per item, all with the same name.
  const Container = headingLevel === 2 ? 'section' : 'div';
  return (
    <Container
      className="attachments"
      aria-labelledby={headingId}
      role={headingLevel === 2 ? undefined : 'group'}
    >
      <Heading id={headingId}>{t('title')}</Heading>
      {list.isPending ? (
        <p className="muted" role="status">
          {t('common:loading')}
        </p>
      ) : list.data && list.data.length > 0 ? (
        <ul className="attachment-list">
          {list.data.map((a) => (
            <AttachmentItem
              key={a.id}
              attachment={a}
              timeZone={timeZone}
              onPreview={() => setPreview(a)}
              onDownload={() => download.mutate(a)}
              onDelete={() => {
                if (window.confirm(t('deleteConfirm', { name: a.fileName }))) remove.mutate(a.id);
              }}
              busy={remove.isPending && remove.variables === a.id}
            />
          ))}
        </ul>
      ) : list.isSuccess ? (
        <p className="muted">{t('empty')}</p>
      ) : null}

      {canUpload ? (
        <div className="attachment-upload">
          <label htmlFor={inputId}>{t('add')}</label>
          <p id={`${inputId}-hint`} className="field-hint">
            {t('privacyNote')}
          </p>
          <input
            ref={input}
            id={inputId}
            type="file"
            aria-describedby={`${inputId}-hint`}
            disabled={upload.isPending}
            onChange={onFile}
          />
          {upload.progress !== null ? (
            <p role="status">
              <label>
                {t('uploading', { percent: Math.round(upload.progress * 100) })}
                <progress max={1} value={upload.progress} />
              </label>
            </p>
          ) : null}
        </div>
      ) : null}
      <FormError message={failure ? describeProblem(failure, t, PROBLEM_TEXTS).message : null} />

      {preview ? (
        <Dialog
          open
          onOpenChange={(open) => !open && setPreview(null)}
          title={t('previewTitle', { name: preview.fileName })}
        >
          <Preview attachment={preview} />
        </Dialog>
      ) : null}
    </Container>
  );
}

function AttachmentItem({
  attachment: a,
  timeZone,
  onPreview,
  onDownload,
  onDelete,
  busy,
}: {
  attachment: Attachment;
  timeZone: string;
  onPreview: () => void;
  onDownload: () => void;
  onDelete: () => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation('attachments');
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  const thumbnail = useAttachmentObjectUrl(a.id, 'thumbnail', a.thumbnailUrl !== null);
  return (
    <li className="attachment">
      {thumbnail.url ? (
        <img
          className="attachment-thumbnail"
          src={thumbnail.url}
          alt={t('thumbnailAlt', { name: a.fileName })}
        />
      ) : (
        <span className="attachment-thumbnail attachment-thumbnail--none" aria-hidden="true" />
      )}
      <div className="attachment-details">
        <p>
          <strong>{a.fileName}</strong>
        </p>
        <p className="muted">
          {t('meta', {
            size: formatSize(a.size, locale),
            date: formatInstant(a.createdAt, timeZone, locale),
          })}
        </p>
        {a.metadataRemoved.length > 0 ? (
          <p className="muted">
            {t('removed', {
              what: a.metadataRemoved.map((m) => t(`metadata.${m}`, { defaultValue: m })).join(', '),
            })}
          </p>
        ) : null}
        <div className="button-row">
          {previewable(a) ? (
            <button type="button" className="button button--quiet" onClick={onPreview}>
              {t('preview', { name: a.fileName })}
            </button>
          ) : null}
          <button type="button" className="button button--quiet" onClick={onDownload}>
            {t('download', { name: a.fileName })}
          </button>
          {a.canDelete ? (
            <button type="button" className="button button--danger-quiet" onClick={onDelete} disabled={busy}>
              {t('delete', { name: a.fileName })}
            </button>
          ) : null}
        </div>
      </div>
    </li>
  );
}

function Preview({ attachment }: { attachment: Attachment }) {
  const { t } = useTranslation('attachments');
  const file = useAttachmentObjectUrl(attachment.id, 'file');
  if (file.failed) return <p className="form-error">{t('previewFailed')}</p>;
  if (!file.url)
    return (
      <p className="muted" role="status">
        {t('common:loading')}
      </p>
    );
  return attachment.contentType === 'application/pdf' ? (
    <iframe className="attachment-preview" src={file.url} title={attachment.fileName} />
  ) : (
    <img className="attachment-preview" src={file.url} alt={attachment.fileName} />
  );
}

function formatSize(bytes: number, locale: string): string {
  const units = [
    ['megabyte', 1024 * 1024],
    ['kilobyte', 1024],
  ] as const;
  for (const [unit, size] of units) {
    if (bytes >= size)
      return new Intl.NumberFormat(locale, { style: 'unit', unit, maximumFractionDigits: 1 }).format(
        bytes / size,
      );
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
}
