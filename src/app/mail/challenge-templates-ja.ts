import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

type ChallengeTemplates = Pick<
  TemplateSet,
  | 'challengeCall'
  | 'challengeReturned'
  | 'subscriptionConfirm'
  | 'newChallenge'
  | 'questionAnswered'
>;

// The messages about challenges, in the polite です・ます of the other Japanese templates.

function unsubscribeLines(link: string | undefined): string[] {
  return link ? ['', 'このお知らせの配信を停止するには、次のリンクを開いてください。', link] : [];
}

/** The Japanese templates about challenges, with the footer of the other templates. */
export function challengeTemplatesJa(footer: (s: MailSignature) => string): ChallengeTemplates {
  return {
    challengeCall: (params, signature) => ({
      subject: params.reminder
        ? `【再送】地域・行政課題の提出のお願い（${params.deadline}まで）`
        : `地域・行政課題の提出のお願い（${params.deadline}まで）`,
      text: [
        '担当者様',
        '',
        params.reminder
          ? `${signature.gateName}から、課題の提出について改めてお願いいたします。まだご提出いただいていない部署にお送りしています。`
          : `${signature.gateName}から、地域・行政課題の提出をお願いいたします。`,
        '',
        `照会の名称：${oneLine(params.title, 200)}`,
        `提出の期限：${params.deadline}`,
        '',
        '依頼の内容：',
        params.instructions,
        '',
        '照会の内容の確認と課題の作成は、次のページからお願いいたします。',
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    challengeReturned: (params, signature) => ({
      subject: `課題「${oneLine(params.title, 60)}」を差し戻しました`,
      text: [
        '担当者様',
        '',
        `ご提出いただいた課題について、${signature.gateName}からお願いがあり、差し戻しました。`,
        '',
        `課題の名称：${oneLine(params.title, 200)}`,
        '',
        '窓口からのコメント：',
        params.comment,
        '',
        'お手数ですが、内容を見直し、もう一度ご提出ください。',
        '',
        params.link,
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    subscriptionConfirm: (params, signature) => ({
      subject: '新しい課題のお知らせの登録の確認',
      text: [
        `${signature.gateName}の新しい課題のお知らせへの登録を受け付けました。`,
        '',
        `お知らせの対象：${oneLine(params.topic)}`,
        '',
        '登録を完了するには、次のリンクを開き、「登録を確定する」ボタンを押してください。',
        '',
        params.link,
        '',
        'お心当たりのない場合は、このメールを破棄してください。登録は完了せず、お知らせは届きません。',
        '',
        footer(signature),
        '',
      ].join('\n'),
    }),

    newChallenge: (params, signature) => ({
      subject: `新しい課題を公開しました：${oneLine(params.title, 60)}`,
      text: [
        `${signature.gateName}で、新しい地域・行政課題を公開しました。`,
        '',
        `課題の名称：${oneLine(params.title, 200)}`,
        '',
        params.summary,
        '',
        '詳しくは、次のページをご覧ください。',
        '',
        params.link,
        ...unsubscribeLines(params.unsubscribeLink),
        '',
        footer(signature),
        '',
      ].join('\n'),
      listUnsubscribe: params.unsubscribeLink,
    }),

    questionAnswered: (params, signature) => ({
      subject: `質問への回答を公開しました：${oneLine(params.title, 60)}`,
      text: [
        `${signature.gateName}のテーマ型募集について、質問への回答を公開しました。`,
        '回答は、公平のため、どなたでもご覧いただけます。',
        '',
        `課題の名称：${oneLine(params.title, 200)}`,
        '',
        '質問：',
        params.question,
        '',
        '回答：',
        params.answer,
        '',
        params.link,
        ...unsubscribeLines(params.unsubscribeLink),
        '',
        footer(signature),
        '',
      ].join('\n'),
      listUnsubscribe: params.unsubscribeLink,
    }),
  };
}
