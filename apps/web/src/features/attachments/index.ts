import type { Feature } from '@/app/feature';

// <Attachments ownerPath="incidents/<id>" timeZone={group.timezone} />: add 'attachments' to the
// screen's route loader (withCatalogues(..., 'attachments')) so its texts load with the screen.
export { Attachments } from './attachments';
// The same, behind a "Show the files" button: for each item of a long list.
export { FilesToggle } from './files-toggle';

export const attachmentsFeature = {
  name: 'attachments',
  realtime: {
    events: {
      'attachment.added': (_event, queries) => void queries.invalidateQueries({ queryKey: ['attachments'] }),
      'attachment.deleted': (_event, queries) =>
        void queries.invalidateQueries({ queryKey: ['attachments'] }),
    },
  },
} satisfies Feature;
