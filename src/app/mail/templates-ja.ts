import { deliveryTemplatesJa } from './delivery-templates-ja.ts';
import { caseTemplatesJa } from './case-templates-ja.ts';
import { budgetTemplatesJa } from './budget-templates-ja.ts';
import { challengeTemplatesJa } from './challenge-templates-ja.ts';
import { formatDate } from '../../domain/calendar.ts';
import { stateNames } from './state-names.ts';
import { meetingMoment, oneLine, type MailSignature, type TemplateSet } from './template-parts.ts';

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

  staffSetup: (params, signature) => ({
    subject: `${signature.gateName} 職員アカウントの設定のお願い`,
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}の職員アカウントを作成しました。`,
      '次のリンクを開き、パスワードを設定してください。',
      'パスワードの設定後、ログインして2段階認証を設定していただきます。',
      '',
      params.link,
      '',
      `リンクの有効期限は${params.expiresInHours}時間です。`,
      '期限を過ぎた場合は、システム管理者に再発行を依頼してください。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  memberInvitation: (params, signature) => ({
    subject: `${oneLine(params.organisation)} から${signature.gateName}への招待が届いています`,
    text: [
      'ご担当者様',
      '',
      `${oneLine(params.invitedBy)} 様から、${oneLine(params.organisation)} のメンバーとして${signature.gateName}に参加するよう招待が届いています。`,
      '参加する場合は、次のリンクを開き、氏名とパスワードを設定してください。',
      '',
      params.link,
      '',
      `リンクの有効期限は${params.expiresInDays}日間です。`,
      'お心当たりのない場合は、このメールを破棄してください。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  confirmEmailChange: (params, signature) => ({
    subject: 'メールアドレス変更の確認のお願い',
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}のアカウントのメールアドレスを、このアドレスに変更するお申し込みを受け付けました。`,
      '変更を完了するには、次のリンクを開いてください。',
      '',
      params.link,
      '',
      `リンクの有効期限は${params.expiresInHours}時間です。`,
      'お心当たりのない場合は、このメールを破棄してください。メールアドレスは変更されません。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  emailChanged: (params, signature) => ({
    subject: 'メールアドレスを変更しました',
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}のアカウントのメールアドレスを、${oneLine(params.newEmail)} に変更しました。`,
      'このメールアドレスには、今後ご連絡をお送りしません。',
      '',
      'お心当たりのない場合は、お手数ですが、窓口までご連絡ください。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  passwordChanged: (params, signature) => ({
    subject: 'パスワードを変更しました',
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}のアカウントのパスワードを変更しました。`,
      '安全のため、ほかの端末でのログインはすべて終了しました。',
      '',
      'お心当たりのない場合は、ログイン画面の「パスワードをお忘れの方」からパスワードを再設定し、窓口までご連絡ください。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  accountExists: (params, signature) => ({
    subject: 'ご登録済みのメールアドレスです',
    text: [
      salutation(params.name),
      '',
      `このメールアドレスで、${signature.gateName}への新規登録のお申し込みがありました。`,
      'このメールアドレスは、すでに登録されています。次のページからログインしてください。',
      '',
      params.signInLink,
      '',
      'パスワードをお忘れの場合は、次のページから再設定できます。',
      '',
      params.resetLink,
      '',
      'お心当たりのない場合は、このメールを破棄してください。アカウントに変更はありません。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalReceived: (params, signature) => ({
    subject: `提案を受け付けました（受付番号 ${params.receiptNumber}）`,
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}へのご提案を受け付けました。ありがとうございます。`,
      '',
      `受付番号：${params.receiptNumber}`,
      `提案名：${oneLine(params.title, 200)}`,
      '',
      'お問い合わせの際は、受付番号をお伝えください。',
      '窓口で提案の要件を確認したうえで、今後の進め方をご連絡します。',
      '提案の状況は、次のページでご確認いただけます。',
      '',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalWithdrawn: (params, signature) => ({
    subject: `提案の取り下げを受け付けました（受付番号 ${params.receiptNumber}）`,
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}への次の提案について、取り下げを受け付けました。`,
      '',
      `受付番号：${params.receiptNumber}`,
      `提案名：${oneLine(params.title, 200)}`,
      '',
      '取り下げの理由として、次のとおり承りました。',
      params.reason,
      '',
      'お心当たりのない場合は、お手数ですが、窓口までご連絡ください。',
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  ...challengeTemplatesJa(footer),
  ...deliveryTemplatesJa(salutation, footer),
  ...caseTemplatesJa(footer),
  ...budgetTemplatesJa(footer),
  proposalStateChanged: (params, signature) => ({
    subject: `提案の状況が「${stateNames.ja[params.state]}」になりました（受付番号 ${params.receiptNumber}）`,
    text: [
      salutation(params.name),
      '',
      `${signature.gateName}への次の提案の状況が変わりましたので、お知らせします。`,
      '',
      `受付番号：${params.receiptNumber}`,
      `提案名：${oneLine(params.title, 200)}`,
      `現在の状況：${stateNames.ja[params.state]}`,
      ...(params.reason.trim() === ''
        ? []
        : ['', '市からのご説明は、次のとおりです。', params.reason]),
      '',
      '詳しい内容と今後の流れは、次のページでご確認いただけます。',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalMessage: (params, signature) => ({
    subject: `提案に新しいメッセージが届きました（受付番号 ${params.receiptNumber}）`,
    text: [
      salutation(params.name),
      '',
      `次の提案について、新しいメッセージが届きました。`,
      '',
      `受付番号：${params.receiptNumber}`,
      `提案名：${oneLine(params.title, 200)}`,
      '',
      '内容の保護のため、メッセージの本文はメールではお送りしていません。',
      'サインインのうえ、次のページでご確認ください。',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  meetingScheduled: (params, signature) => ({
    subject: `提案に関する打合せのご案内（受付番号 ${params.receiptNumber}）`,
    text: [
      salutation(params.name),
      '',
      '次の提案について、打合せを予定しましたので、ご案内します。',
      '',
      `受付番号：${params.receiptNumber}`,
      `提案名：${oneLine(params.title, 200)}`,
      `日時：${meetingMoment(params.startsAt, params.timeZone, 'ja')}`,
      '',
      '場所やオンライン会議のリンクは、メールではお送りしていません。',
      'サインインのうえ、次のページでご確認ください。',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  proposalAssigned: (params, signature) => ({
    subject: `提案が${oneLine(params.department)}に割り当てられました（受付番号 ${params.receiptNumber}）`,
    text: [
      salutation(params.name),
      '',
      `次の提案が、${oneLine(params.department)}の${params.lead ? '主担当' : '協力部署'}として割り当てられました。`,
      '',
      `受付番号：${params.receiptNumber}`,
      `提案名：${oneLine(params.title, 200)}`,
      '',
      '内容をご確認のうえ、検討を進めてください。',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),

  overdueDigest: (params, signature) => ({
    subject: `目標期間を過ぎた提案が${params.items.length}件あります`,
    text: [
      salutation(params.name),
      '',
      '担当の提案のうち、次のものが目標期間を過ぎています。対応をお願いします。',
      '',
      ...params.items.flatMap((item) => [
        `・${item.receiptNumber} ${oneLine(item.title, 80)}`,
        `  ${stateNames.ja[item.state]}、期限 ${formatDate(item.dueOn, 'ja')}（${item.daysOverdue}開庁日超過）`,
        `  ${item.link}`,
      ]),
      '',
      '担当の提案の一覧は、次のページでご確認いただけます。',
      params.link,
      '',
      footer(signature),
      '',
    ].join('\n'),
  }),
};
