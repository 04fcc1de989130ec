import { escapeMarkdown, formatMeetingDate, MinutesDocument, renderMarkdown } from './minutes-exporter';

const doc = (over: Partial<MinutesDocument> = {}): MinutesDocument => ({
  locale: 'en',
  groupName: 'Lualaba security and human rights working group',
  meeting: {
    title: 'January meeting',
    startsAt: '2027-01-05T08:00:00.000Z',
    timezone: 'Africa/Lubumbashi',
    location: 'Governor’s office',
    onlineUrl: null,
    focus: null,
  },
  status: 'approved',
  version: 3,
  approvedAt: '2027-01-20T10:00:00.000Z',
  approvers: [{ displayName: 'Co-chair' }],
  body: 'Discussion notes.',
  keyIssues: ['Checkpoint abuses'],
  decisions: [],
  attendance: [
    { displayName: 'A', organisation: { id: 'p', name: 'Police', kind: 'public_security' }, attended: true },
    { displayName: 'B', organisation: { id: 'p', name: 'Police', kind: 'public_security' }, attended: true },
    { displayName: 'C', organisation: { id: 'n', name: 'NGO', kind: 'civil_society' }, attended: false },
  ],
  agenda: [
    {
      title: 'Security incident updates',
      incidents: [
        {
          id: 'i',
          title: 'Roadblock',
          category: 'other',
          severity: 'high',
          status: 'open',
          occurredAt: '2027-01-01T00:00:00.000Z',
          reportedAt: '2027-01-01T00:00:00.000Z',
        },
      ],
      recommendations: [],
    },
  ],
  recommendations: [],
  ...over,
});

describe('formatMeetingDate', () => {
  it("formats in the meeting's zone, not the server's", () => {
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
  it("speaks the group's language", () => {
    expect(formatMeetingDate(new Date('2027-01-05T08:00:00Z'), 'Africa/Lubumbashi', 'fr')).toBe(
      'mardi 5 janvier 2027 à 10:00 (Africa/Lubumbashi)',
    );
  });
});

describe('renderMarkdown', () => {
  it('lists attendance by organisation, key issues and the approval, and says when nothing was recorded', () => {
    const md = renderMarkdown(doc());
    expect(md).toContain('# Minutes: January meeting');
    expect(md).toContain('- **Group:** Lualaba security and human rights working group');
    expect(md).toContain('- **Place:** Governor’s office');
    expect(md).toContain('- **Status:** Approved by Co-chair on 2027-01-20 (version 3)');
    expect(md).toContain('- Police: A, B');
    expect(md).toContain('- Absent: C (NGO)');
    expect(md).toContain('1. Security incident updates (incident: Roadblock (high))');
    expect(md).toContain('## Key issues\n\n- Checkpoint abuses');
    expect(md).toContain('## Decisions\n\n_None recorded._');
    expect(md).toContain('## Record of the discussion\n\nDiscussion notes.');
  });

  it('labels everything in the group language', () => {
    const md = renderMarkdown(doc({ locale: 'fr' }));
    expect(md).toContain('# Procès-verbal : January meeting');
    expect(md).toContain('## Présences');
    expect(md).toContain('- Absents: C (NGO)');
    expect(md).toContain('## Questions clés');
    expect(md).toContain('## Décisions\n\n_Rien n’a été consigné._');
    expect(md).toContain('Approuvé par Co-chair le 2027-01-20 (version 3)');
    expect(md).toContain('incident : Roadblock (élevée)');
    const sw = renderMarkdown(doc({ locale: 'sw' }));
    expect(sw).toContain('## Masuala muhimu');
    expect(sw).toContain('## Maamuzi');
  });

  it('keeps names and titles from turning into Markdown', () => {
    expect(escapeMarkdown('*Mining* [Co] <b>')).toBe('\\*Mining\\* \\[Co\\] \\<b\\>');
    const md = renderMarkdown(doc({ groupName: 'Group **one**' }));
    expect(md).toContain('- **Group:** Group \\*\\*one\\*\\*');
  });
});
