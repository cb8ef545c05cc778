import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

// Plain English in short paragraphs; the link on a line of its own so that every mail
// program makes it clickable.

const hours = new Intl.NumberFormat('en-GB', { style: 'unit', unit: 'hour', unitDisplay: 'long' });
const minutes = new Intl.NumberFormat('en-GB', {
  style: 'unit',
  unit: 'minute',
  unitDisplay: 'long',
});

function salutation(name: string): string {
  const flat = oneLine(name);
  return flat === '' ? 'Hello,' : `Dear ${flat},`;
}

function footer(signature: MailSignature): string {
  return [
    'This message was sent from an address that cannot receive replies.',
    '',
    '--',
    signature.gateName,
    `${signature.office}, ${signature.cityName}`,
    signature.siteUrl,
  ].join('\n');
}

/** The English templates. */
export const englishTemplates: TemplateSet = {
  verifyEmail: (params, signature) => ({
    subject: 'Please confirm your email address',
    text: [
      salutation(params.name),
      '',
      `Thank you for using ${signature.gateName}.`,
      'To confirm your email address, please open this link:',
      '',
      params.link,
      '',
      `The link works for ${hours.format(params.expiresInHours)} from your request.`,
      'If it has expired, please start again.',
      '',
      'If you did not expect this message, someone may have typed your address by mistake.',
      'Please delete it: nothing happens unless the link is opened.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  passwordReset: (params, signature) => ({
    subject: 'Reset your password',
    text: [
      salutation(params.name),
      '',
      'We received a request to reset your password.',
      'To choose a new password, please open this link:',
      '',
      params.link,
      '',
      `The link works for ${minutes.format(params.expiresInMinutes)} from your request.`,
      'If it has expired, please ask for a new one.',
      '',
      'If you did not ask to reset your password, please delete this message.',
      'Your password has not been changed and you can keep using it.',
      '',
      'We will never ask for your password by phone or email.',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),
};
