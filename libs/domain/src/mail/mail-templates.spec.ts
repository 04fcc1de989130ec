import {
  affiliationInvitationMail,
  emailVerificationMail,
  groupInvitationMail,
  passwordChangedMail,
} from './mail-templates';

describe('platform e-mails in the recipient’s locale', () => {
  const url = 'https://roundtable.example.org';
  it('password changed: the language and the account’s time zone, named', () => {
    const fr = passwordChangedMail(
      'fr-CD',
      url,
      'Amani',
      new Date('2027-06-16T08:00:00Z'),
      'Africa/Lubumbashi',
    );
    expect(fr.subject).toBe('Votre mot de passe Roundtable a été modifié');
    expect(fr.text).toContain('a été modifié le mercredi 16 juin 2027 à 10:00 (Africa/Lubumbashi).');
    const en = passwordChangedMail('xx', url, 'Amani', new Date('2027-06-16T08:00:00Z'));
    expect(en.text).toContain('was changed on Wednesday, 16 June 2027 at 08:00 (UTC).');
  });
  it('verification and invitations in French and Swahili, placeholders filled', () => {
    const verify = emailVerificationMail('sw', url, 'Amani', 'abc123');
    expect(verify.subject).toBe('Thibitisha anwani yako ya barua pepe kwa Roundtable');
    expect(verify.text).toContain('    abc123');
    expect(verify.text).toContain(`POST ${url}/api/v1/auth/verify-email`);
    const group = groupInvitationMail('fr', url, 'Kolwezi', 'Police');
    expect(group.subject).toBe('Vous êtes invité·e à rejoindre Kolwezi sur Roundtable');
    expect(group.text).toContain('« Kolwezi »');
    const admin = affiliationInvitationMail('sw', url, 'Mining Co', 'Amani', 'admin');
    expect(admin.text).toContain('kama msimamizi');
    expect(admin.text).not.toMatch(/\{\w+\}/);
  });
});
