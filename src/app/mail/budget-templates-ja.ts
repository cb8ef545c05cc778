import { formatFiscalYear } from '../../domain/calendar.ts';
import { formatYen } from '../../domain/budget.ts';
import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type BudgetTemplates = Pick<TemplateSet, 'budgetAllocated' | 'budgetDeclined'>;

// The answers to a department's request for partnership budget, in the polite です・ます of
// the other Japanese templates. They go to city staff, so they name the proposal directly.

function salutation(name: string): string {
  const flat = oneLine(name);
  return flat === '' ? '担当者様' : `${flat} 様`;
}

/** The Japanese templates about the partnership budget, with the footer of the others. */
export function budgetTemplatesJa(footer: (s: MailSignature) => string): BudgetTemplates {
  return {
    budgetAllocated: (params, signature) => ({
      subject: `官民連携プロジェクト予算を配分しました（${params.receiptNumber}）`,
      text: [
        salutation(params.name),
        '',
        `申請いただいた${formatFiscalYear(params.fiscalYear, 'ja')}の官民連携プロジェクト予算を、次のとおり配分しました。`,
        '',
        `受付番号：${params.receiptNumber}`,
        `提案の名称：${oneLine(params.title, 200)}`,
        `申請額：${formatYen(params.requestedYen, 'ja')}`,
        `配分額：${formatYen(params.allocatedYen, 'ja')}`,
        ...(params.note === '' ? [] : ['', '窓口からのコメント：', params.note]),
        '',
        '提案の作業ページは、次のリンクから開けます。',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    budgetDeclined: (params, signature) => ({
      subject: `官民連携プロジェクト予算の申請について（${params.receiptNumber}）`,
      text: [
        salutation(params.name),
        '',
        `申請いただいた${formatFiscalYear(params.fiscalYear, 'ja')}の官民連携プロジェクト予算は、今回は配分を見送ることになりました。`,
        '',
        `受付番号：${params.receiptNumber}`,
        `提案の名称：${oneLine(params.title, 200)}`,
        `申請額：${formatYen(params.requestedYen, 'ja')}`,
        '',
        '見送りの理由：',
        params.note,
        '',
        'ご不明な点は、官民連携窓口までお問い合わせください。提案の作業ページは、次のリンクから開けます。',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),
  };
}
