import { translate } from '@roundtable/core';
// The text of the platform's own e-mails (notification copies are built by the worker).
// Plain text: every client reads it, and nothing in it needs markup.

export interface MailText {
  subject: string;
  text: string;
}

export function emailVerificationMail(publicUrl: string, displayName: string, token: string): MailText {
  return {
    subject: 'Confirm your e-mail address for Roundtable',
    text: [
      `Hello ${displayName},`,
      '',
      'Confirm that this address is yours with this single-use code (valid for 24 hours):',
      '',
      `    ${token}`,
      '',
      `Send it as POST ${publicUrl}/api/v1/auth/verify-email {"token": "<code>"} (the web client does this for you).`,
      'Organisations rely on verified addresses before you may speak for them.',
      '',
      'If you did not create a Roundtable account, ignore this message.',
    ].join('\n'),
  };
}

export function affiliationInvitationMail(
  publicUrl: string,
  organisationName: string,
  inviterName: string,
  role: string,
): MailText {
  return {
    subject: `${inviterName} invites you to represent ${organisationName} on Roundtable`,
    text: [
      `${inviterName} invited this address to join ${organisationName} on Roundtable as ${role === 'admin' ? 'an admin' : 'a member'}.`,
      '',
      `Create an account with this address at ${publicUrl}/api/v1/auth/register, confirm the address with the`,
      'code we e-mail you, then accept the invitation (GET /api/v1/me/affiliations).',
      '',
      'If you do not know this organisation, ignore this message.',
    ].join('\n'),
  };
}

export function groupInvitationMail(
  publicUrl: string,
  groupName: string,
  organisationName: string,
): MailText {
  return {
    subject: `You are invited to join ${groupName} on Roundtable`,
    text: [
      `You are invited to join the working group "${groupName}" on Roundtable, representing ${organisationName}.`,
      '',
      `Create an account with this address at ${publicUrl}/api/v1/auth/register and confirm the address with`,
      'the code we e-mail you; the invitation then waits for you under GET /api/v1/me/invitations.',
    ].join('\n'),
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
): MailText {
  return {
    subject: translate(locale, 'mail.passwordChanged.subject'),
    text: translate(locale, 'mail.passwordChanged.body', {
      name: displayName,
      time: at.toISOString().slice(0, 16).replace('T', ' '),
      link: `${publicUrl}/forgot-password`,
    }),
  };
}
