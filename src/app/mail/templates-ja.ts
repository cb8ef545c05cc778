import { oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

// Polite です・ます as on a careful city website: one request per paragraph, the link on a
// line of its own so that every mail program makes it clickable, no decoration.

function salutation(name: string): string {
  const flat = oneLine(name);
  return flat === '' ? 'ご利用者様' : `${flat} 様`;
}

function footer(signature: MailSignature): string {
  return [
    'このメールは送信専用のアドレスからお送りしています。',
    'ご返信いただいてもお答えできませんので、ご了承ください。',
    '',
    '――――――――――――――――――――',
    signature.gateName,
    `${signature.cityName} ${signature.office}`,
    signature.siteUrl,
  ].join('\n');
}

/** The Japanese templates. */
export const japaneseTemplates: TemplateSet = {
  verifyEmail: (params, signature) => ({
    subject: 'メールアドレスの確認のお願い',
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}をご利用いただき、ありがとうございます。`,
      'メールアドレスの確認のため、次のリンクを開いてください。',
      '',
      params.link,
      '',
      `リンクの有効期限は、お手続きから${params.expiresInHours}時間です。`,
      '期限を過ぎた場合は、お手数ですが、もう一度お手続きをお願いいたします。',
      '',
      'このメールにお心当たりのない場合は、どなたかがメールアドレスを誤って入力したおそれがあります。',
      'お手数ですが、このメールを破棄してください。リンクを開かない限り、手続きは完了しません。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  passwordReset: (params, signature) => ({
    subject: 'パスワード再設定のご案内',
    text: [
      salutation(params.name),
      '',
      'パスワードの再設定のお申し込みを受け付けました。',
      '次のリンクを開き、新しいパスワードを設定してください。',
      '',
      params.link,
      '',
      `リンクの有効期限は、お申し込みから${params.expiresInMinutes}分です。`,
      '期限を過ぎた場合は、お手数ですが、もう一度お申し込みください。',
      '',
      'パスワードの再設定をお申し込みでない場合は、このメールを破棄してください。',
      'パスワードは変更されず、これまでどおりご利用いただけます。',
      '',
      '当窓口から、お電話やメールでパスワードをお尋ねすることはありません。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),
};
