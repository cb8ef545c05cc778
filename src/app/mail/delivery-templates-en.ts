import { formatDate } from '../../domain/calendar.ts';
import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type DeliveryTemplates = Pick<TemplateSet, 'openCallFromProposal'>;

/** The English messages of the delivery stage, with the salutation and footer of the others. */
export function deliveryTemplatesEn(
  salutation: (name: string) => string,
  footer: (s: MailSignature) => string,
): DeliveryTemplates {
  return {
    openCallFromProposal: (params, signature) => ({
      subject: `A theme call has been opened from your proposal (receipt ${params.receiptNumber})`,
      text: [
        salutation(params.name),
        '',
        `To choose the implementer of your proposal to ${signature.gateName} fairly, the city has opened a theme call (an open call) based on it.`,
        '',
        `Receipt number: ${params.receiptNumber}`,
        `Proposal: ${oneLine(params.title, 200)}`,
        `Proposals accepted until: ${formatDate(params.closesOn, 'en')}`,
        '',
        'The call uses only the parts of your proposal marked “disclosable”. Nothing marked “confidential” has been published.',
        'Other organisations may now propose, and so may yours.',
        '',
        'The call:',
        params.callLink,
        '',
        'Where your proposal stands:',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),
  };
}
