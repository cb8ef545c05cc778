import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type CaseTemplates = Pick<TemplateSet, 'caseApprovalRequested' | 'caseAnswered'>;

/** The Japanese templates about cases, with the footer of the other templates. */
export function caseTemplatesJa(footer: (s: MailSignature) => string): CaseTemplates {
  return {
    caseApprovalRequested: (params, signature) => ({
      subject: `官民連携事例「${oneLine(params.title, 60)}」の公開内容のご確認のお願い`,
      text: [
        `${oneLine(params.organisation)} ご担当者様`,
        '',
        `${signature.gateName}では、ご一緒した事業を官民連携事例として公開する準備を進めています。`,
        '公開する内容をご確認のうえ、承認いただくか、直してほしい点をコメントでお知らせください。',
        'ご承認いただくまで、事例は公開されません。',
        '',
        `事例の名称：${oneLine(params.title, 200)}`,
        '',
        '内容の確認とご回答は、次のページからお願いいたします（ログインが必要です）。',
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    caseAnswered: (params, signature) => ({
      subject: params.approved
        ? `事例「${oneLine(params.title, 60)}」の公開が承認されました`
        : `事例「${oneLine(params.title, 60)}」が連携先から差し戻されました`,
      text: [
        `${oneLine(params.name) || '担当者'} 様`,
        '',
        params.approved
          ? `${oneLine(params.organisation)}から、次の事例の公開について承認を得ました。公開の操作をお願いします。`
          : `${oneLine(params.organisation)}から、次の事例が差し戻されました。コメントを確認し、内容を見直してください。`,
        '',
        `事例の名称：${oneLine(params.title, 200)}`,
        ...(params.approved ? [] : ['', '連携先からのコメント：', params.comment]),
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),
  };
}
