import { formatFiscalYear } from '../../domain/calendar.ts';
import { formatYen } from '../../domain/budget.ts';
import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type BudgetTemplates = Pick<TemplateSet, 'budgetAllocated' | 'budgetDeclined'>;

function salutation(name: string): string {
  const flat = oneLine(name);
  return flat === '' ? 'Hello,' : `Dear ${flat},`;
}

/** The English templates about the partnership budget, with the footer of the others. */
export function budgetTemplatesEn(footer: (s: MailSignature) => string): BudgetTemplates {
  return {
    budgetAllocated: (params, signature) => ({
      subject: `Partnership budget allocated (receipt number ${params.receiptNumber})`,
      text: [
        salutation(params.name),
        '',
        `The gate has allocated partnership budget for ${formatFiscalYear(params.fiscalYear, 'en')} as you requested:`,
        '',
        `Receipt number: ${params.receiptNumber}`,
        `Proposal: ${oneLine(params.title, 200)}`,
        `Requested: ${formatYen(params.requestedYen, 'en')}`,
        `Allocated: ${formatYen(params.allocatedYen, 'en')}`,
        ...(params.note === '' ? [] : ['', 'Comment from the gate office:', params.note]),
        '',
        'The proposal’s work page:',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    budgetDeclined: (params, signature) => ({
      subject: `Your partnership budget request (receipt number ${params.receiptNumber})`,
      text: [
        salutation(params.name),
        '',
        `The gate will not allocate partnership budget for ${formatFiscalYear(params.fiscalYear, 'en')} to this request this time:`,
        '',
        `Receipt number: ${params.receiptNumber}`,
        `Proposal: ${oneLine(params.title, 200)}`,
        `Requested: ${formatYen(params.requestedYen, 'en')}`,
        '',
        'The reason given was:',
        params.note,
        '',
        'Please contact the gate office with any questions. The proposal’s work page:',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),
  };
}
