import { formatDateTime, translate } from '@roundtable/core';
// The text of the platform's own e-mails (notification copies are built by the worker).
// Plain text: every client reads it, and nothing in it needs markup.

export interface MailText {
  subject: string;
  text: string;
}

// Each in the recipient's locale: their own for account mail; for an address without an account,
// the locale the sender chose (the group's first language, the inviting admin's locale).
export function emailVerificationMail(
  locale: string,
  publicUrl: string,
  displayName: string,
  token: string,
): MailText {
  return {
    subject: translate(locale, 'mail.emailVerification.subject'),
    text: translate(locale, 'mail.emailVerification.body', {
      name: displayName,
      token,
      url: `${publicUrl}/api/v1/auth/verify-email`,
    }),
  };
}

export function affiliationInvitationMail(
  locale: string,
  publicUrl: string,
  organisationName: string,
  inviterName: string,
  role: string,
): MailText {
  const params = {
    inviter: inviterName,
    organisation: organisationName,
    role: translate(locale, role === 'admin' ? 'affiliation.role.admin' : 'affiliation.role.member'),
    url: `${publicUrl}/api/v1/auth/register`,
  };
  return {
    subject: translate(locale, 'mail.affiliationInvitation.subject', params),
    text: translate(locale, 'mail.affiliationInvitation.body', params),
  };
}

export function groupInvitationMail(
  locale: string,
  publicUrl: string,
  groupName: string,
  organisationName: string,
): MailText {
  const params = {
    group: groupName,
    organisation: organisationName,
    url: `${publicUrl}/api/v1/auth/register`,
  };
  return {
    subject: translate(locale, 'mail.groupInvitation.subject', params),
    text: translate(locale, 'mail.groupInvitation.body', params),
  };
}

// Account recovery, in the user's locale (server catalogues, libs/core/src/i18n).
export function passwordResetMail(
  locale: string,
  publicUrl: string,
  displayName: string,
  token: string,
): MailText {
  return {
    subject: translate(locale, 'mail.passwordReset.subject'),
    text: translate(locale, 'mail.passwordReset.body', {
      name: displayName,
      link: `${publicUrl}/reset-password?token=${encodeURIComponent(token)}`,
    }),
  };
}

export function passwordChangedMail(
  locale: string,
  publicUrl: string,
  displayName: string,
  at: Date,
  timeZone: string | null = null,
): MailText {
  return {
    subject: translate(locale, 'mail.passwordChanged.subject'),
    text: translate(locale, 'mail.passwordChanged.body', {
      name: displayName,
      // In the account's time zone (UTC without one), named.
      time: formatDateTime(locale, at, timeZone ?? 'UTC'),
      link: `${publicUrl}/forgot-password`,
    }),
  };
}
