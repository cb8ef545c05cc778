import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type CaseTemplates = Pick<TemplateSet, 'caseApprovalRequested' | 'caseAnswered'>;

/** The English templates about cases, with the footer of the other templates. */
export function caseTemplatesEn(footer: (s: MailSignature) => string): CaseTemplates {
  return {
    caseApprovalRequested: (params, signature) => ({
      subject: `Please review the case "${oneLine(params.title, 60)}" before it is published`,
      text: [
        `Dear ${oneLine(params.organisation)},`,
        '',
        `${signature.gateName} would like to publish the project you carried out with the city as a partnership case.`,
        'Please read the text as it will be published, then approve it or tell us in a comment what should change.',
        'The case is not published until you approve it.',
        '',
        `Case: ${oneLine(params.title, 200)}`,
        '',
        'Read and answer on this page (you need to sign in):',
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    caseAnswered: (params, signature) => ({
      subject: params.approved
        ? `The case "${oneLine(params.title, 60)}" was approved for publication`
        : `The case "${oneLine(params.title, 60)}" was returned by the partner`,
      text: [
        oneLine(params.name) === '' ? 'Hello,' : `Dear ${oneLine(params.name)},`,
        '',
        params.approved
          ? `${oneLine(params.organisation)} approved the publication of this case. You can now publish it.`
          : `${oneLine(params.organisation)} returned this case. Please read the comment and revise the text.`,
        '',
        `Case: ${oneLine(params.title, 200)}`,
        ...(params.approved ? [] : ['', 'The partner’s comment:', params.comment]),
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),
  };
}
