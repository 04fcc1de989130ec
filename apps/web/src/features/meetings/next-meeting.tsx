import { useTranslation } from 'react-i18next';
import { describeProblem, type Schemas } from '@/api';
import { FormError, QueryState } from '@/components';
import { formatInstant } from '@/i18n/format';
import { intlLocale } from '@/i18n/languages';
import { useNextMeeting, useRsvp, type RsvpResponse } from './api';

const RESPONSES: RsvpResponse[] = ['yes', 'maybe', 'no'];

// A group's next meeting, in the meeting's own time zone, with the caller's RSVP.
export function NextMeeting({ groupId, groupName }: { groupId: string; groupName: string }) {
  const { t, i18n } = useTranslation('meetings');
  const next = useNextMeeting(groupId);
  const rsvp = useRsvp(groupId);
  const locale = intlLocale(i18n.resolvedLanguage ?? i18n.language);
  return (
    <QueryState query={next}>
      {(meeting: Schemas['MeetingDto'] | null) =>
        !meeting ? (
          <p className="muted">{t('noneScheduled')}</p>
        ) : (
          <div className="next-meeting">
            <p className="label">{t('next')}</p>
            <p>
              <strong>{meeting.title}</strong>
            </p>
            <p>
              <time dateTime={meeting.startsAt}>
                {formatInstant(meeting.startsAt, meeting.timezone, locale)}
              </time>
            </p>
            {meeting.location ? <p className="muted">{meeting.location}</p> : null}
            <fieldset className="rsvp">
              <legend>{t('rsvp.legend', { group: groupName })}</legend>
              {RESPONSES.map((r) => (
                <button
                  key={r}
                  type="button"
                  className={`button${meeting.myRsvp === r ? ' button--selected' : ''}`}
                  aria-pressed={meeting.myRsvp === r}
                  disabled={rsvp.isPending}
                  onClick={() => rsvp.mutate({ meetingId: meeting.id, response: r })}
                >
                  {t(`rsvp.${r}`)}
                </button>
              ))}
            </fieldset>
            <FormError message={rsvp.error ? describeProblem(rsvp.error, t).message : null} />
          </div>
        )
      }
    </QueryState>
  );
}
