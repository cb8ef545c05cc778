import { formatDate } from '../../domain/calendar.ts';
import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type DeliveryTemplates = Pick<TemplateSet, 'openCallFromProposal'>;

/** The Japanese messages of the delivery stage, with the salutation and footer of the others. */
export function deliveryTemplatesJa(
  salutation: (name: string) => string,
  footer: (s: MailSignature) => string,
): DeliveryTemplates {
  return {
    openCallFromProposal: (params, signature) => ({
      subject: `ご提案をもとにテーマ型募集を始めました（受付番号 ${params.receiptNumber}）`,
      text: [
        salutation(params.name),
        '',
        `${signature.gateName}への次のご提案について、事業実施主体を公平に選ぶため、ご提案の内容をもとにテーマ型募集（公募）を始めましたので、お知らせします。`,
        '',
        `受付番号：${params.receiptNumber}`,
        `提案名：${oneLine(params.title, 200)}`,
        `募集の締切：${formatDate(params.closesOn, 'ja')}`,
        '',
        '募集には、ご提案のうち「開示可」とされた内容だけを使っています。「非開示」とされた内容は公開していません。',
        '他の事業者・団体も提案できます。貴社・貴団体も、この募集にご提案いただけます。',
        '',
        '募集のページ：',
        params.callLink,
        '',
        'ご提案の状況は、次のページでご確認いただけます。',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),
  };
}
