import { formatMeetingDate, MinutesDocument, renderMarkdown } from './minutes-exporter';

const doc = (over: Partial<MinutesDocument> = {}): MinutesDocument => ({
  groupName: 'Lualaba security and human rights working group',
  timezone: 'Africa/Lubumbashi',
  meetingTitle: 'January meeting',
  meetingDate: formatMeetingDate(new Date('2027-01-05T08:00:00Z'), 'Africa/Lubumbashi'),
  minutes: {
    meetingId: '00000000-0000-4000-8000-000000000001',
    status: 'approved',
    version: 3,
    body: 'Discussion notes.',
    keyIssues: ['Checkpoint abuses'],
    decisions: [],
    attendance: [],
    approvedBy: { userId: 'u', memberId: 'm', displayName: 'Co-chair' },
    approvedAt: '2027-01-20T10:00:00.000Z',
    circulatedAt: '2027-01-10T10:00:00.000Z',
    updatedBy: null,
    updatedAt: '2027-01-20T10:00:00.000Z',
  },
  agenda: [],
  attendanceByOrganisation: [{ organisation: 'Police', people: ['A', 'B'] }],
  absent: ['C (NGO)'],
  recommendations: [],
  ...over,
});

describe('formatMeetingDate', () => {
  it("formats in the group's zone, not the server's", () => {
    expect(formatMeetingDate(new Date('2027-01-05T08:00:00Z'), 'Africa/Lubumbashi')).toBe(
      'Tuesday, 5 January 2027 at 10:00 (Africa/Lubumbashi)',
    );
    expect(formatMeetingDate(new Date('2027-01-05T08:00:00Z'), 'America/Bogota')).toBe(
      'Tuesday, 5 January 2027 at 03:00 (America/Bogota)',
    );
    expect(formatMeetingDate(new Date('2027-01-04T23:30:00Z'), 'Africa/Lubumbashi')).toMatch(
      /^Tuesday, 5 January 2027 at 01:30/,
    );
  });
});

describe('renderMarkdown', () => {
  it('lists attendance by organisation, key issues and the approval, and says when nothing was recorded', () => {
    const md = renderMarkdown(doc());
    expect(md).toContain('# Minutes: January meeting');
    expect(md).toContain('- **Group:** Lualaba security and human rights working group');
    expect(md).toContain('- **Status:** Approved by Co-chair on 2027-01-20 (version 3)');
    expect(md).toContain('- Police: A, B');
    expect(md).toContain('- Absent: C (NGO)');
    expect(md).toContain('## Key issues\n\n- Checkpoint abuses');
    expect(md).toContain('## Decisions\n\n_None recorded._');
    expect(md).toContain('## Record of the discussion\n\nDiscussion notes.');
  });
});
