import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Attachments } from './attachments';

// The files of one item in a long list (an update in a thread, a report among many), fetched
// only when asked for: a list would otherwise cost one request per item on a slow connection.
export function FilesToggle({
  ownerPath,
  timeZone,
  canUpload,
}: {
  ownerPath: string;
  timeZone: string;
  canUpload: boolean;
}) {
  const { t } = useTranslation('attachments');
  const [open, setOpen] = useState(false);
  return (
    <div className="files-toggle">
      <button
        type="button"
        className="button button--quiet"
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        {open ? t('hideFiles') : t('showFiles')}
      </button>
      {open ? (
        <Attachments ownerPath={ownerPath} timeZone={timeZone} canUpload={canUpload} headingLevel={3} />
      ) : null}
    </div>
  );
}
