/** Sign-up, sign-in and account pages, in Japanese (the source for every other language). */
export const accountJa = {
  myPage: 'マイページ',
  signIn: 'ログイン',
  signOut: 'ログアウト',
  signUp: '新規登録',

  // Forms in general
  errorSummaryTitle: '入力内容を確認してください',
  labelSeparator: '：',
  errorCount: (n: number) => `${n}件の項目に誤りがあります。`,
  required: '必須',
  optional: '任意',
  save: '保存する',
  cancel: 'キャンセル',
  showPassword: 'パスワードを表示する',
  errors: {
    required: '入力してください。',
    choose: '選択してください。',
    tooLong: (max: number) => `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
    emailInvalid: 'メールアドレスの形式で入力してください（例：name@example.jp）。',
    urlInvalid: 'http:// または https:// で始まるアドレスを入力してください。',
    corporateNumberInvalid: '法人番号は13桁の数字で入力してください。',
    corporateNumberCheck:
      '法人番号の確認用の数字（先頭の1桁）が合いません。国税庁の法人番号公表サイトで番号をご確認ください。',
    passwordTooShort: 'パスワードは8文字以上にしてください。',
    passwordTooLong: 'パスワードは128文字以内にしてください。',
    passwordCommon:
      'このパスワードはよく使われており、推測されやすいため使えません。別のパスワードにしてください。',
    passwordContainsEmail:
      'メールアドレスを含むパスワードは推測されやすいため使えません。別のパスワードにしてください。',
    passwordMismatch: '確認のため、同じパスワードをもう一度入力してください。',
    passwordWrong: 'パスワードが正しくありません。',
    emailTaken:
      'このメールアドレスは登録済みです。ログインするか、パスワードを再設定してください。',
    consentRequired: '内容をご確認のうえ、チェックを入れてください。',
    codeInvalid:
      '確認コードが正しくないか、有効期限が切れています。新しいコードを入力してください。',
    recoveryCodeInvalid:
      'リカバリーコードが正しくないか、すでに使われています。未使用のコードを入力してください。',
    departmentRequired: 'この役割には部署を選んでください。',
  },
  formExpiredTitle: '送信をやり直してください',
  formExpiredBody:
    '安全のため、しばらく操作がなかったフォームの送信は受け付けていません。前のページに戻り、ページを再読み込みしてから、もう一度送信してください。',

  // Sign-up
  signUpTitle: '事業者・団体の新規登録',
  signUpLead:
    '提案や質問をするには、事業者・団体の登録が必要です。登録したメールアドレスに確認のメールをお送りします。',
  organisationSection: '事業者・団体の情報',
  memberSection: 'ご担当者の情報',
  organisationName: '事業者・団体の名称',
  organisationKind: '種別',
  organisationKinds: {
    company: '企業',
    npo: 'NPO法人',
    university: '大学・研究機関',
    association: '団体・協会',
    other: 'その他（個人事業主など）',
  },
  corporateNumber: '法人番号',
  corporateNumberHint: '13桁の数字です。法人番号をお持ちでない場合は空欄のままにしてください。',
  address: '所在地',
  website: 'ウェブサイト',
  websiteHint: '例：https://www.example.co.jp',
  personName: '氏名',
  email: 'メールアドレス',
  emailHint: '確認のメールをお送りします。',
  password: 'パスワード',
  passwordHint:
    '8文字以上128文字以内です。文字の種類の決まりはありません。長い文（パスフレーズ）がおすすめです。貼り付けもできます。',
  passwordConfirm: 'パスワード（確認）',
  termsConsent: '個人情報の取扱いについて確認し、同意します。',
  privacyNotice:
    'ご登録いただいた氏名・メールアドレスなどの個人情報は、官民連携窓口の運営（提案の受付、ご連絡、事業化の検討）のためにのみ使用し、法令に基づく場合を除き、ご本人の同意なく第三者に提供することはありません。',
  signUpSubmit: '登録する',
  signUpSentTitle: '確認のメールをお送りしました',
  signUpSentBody: (email: string) =>
    `${email} あてに確認のメールをお送りしました。メールに記載されたリンクを24時間以内に開いて、登録を完了してください。`,
  mailNotArrived:
    'メールが届かない場合は、迷惑メールのフォルダもご確認ください。それでも見当たらない場合は、ログイン後に確認のメールを再送できます。',

  // E-mail verification
  verifyTitle: 'メールアドレスの確認',
  verifyLead: '次のボタンを押すと、メールアドレスの確認が完了します。',
  verifySubmit: 'メールアドレスを確認する',
  verifiedTitle: 'メールアドレスを確認しました',
  verifiedBody: 'ありがとうございます。提案の作成や質問ができるようになりました。',
  linkInvalidTitle: 'このリンクは使えません',
  linkInvalidBody:
    'リンクの有効期限が切れているか、すでに使われています。お手数ですが、もう一度お手続きください。',
  unverifiedNotice:
    'メールアドレスの確認が済んでいません。確認が済むまで、提案の提出やメンバーの招待はできません。',
  resendVerification: '確認のメールを再送する',
  verificationResent: '確認のメールを再送しました。',
  resendThrottled: (minutes: number) =>
    `確認のメールは短い間に何度も再送できません。約${minutes}分後にもう一度お試しください。`,

  // Sign-in
  signInTitle: 'ログイン',
  signInLead: '登録したメールアドレスとパスワードでログインしてください。',
  signInSubmit: 'ログインする',
  signInFailed: 'メールアドレスまたはパスワードが正しくありません。',
  throttled: (minutes: number) =>
    `ログインの失敗が続いたため、しばらく受け付けを止めています。約${minutes}分後にもう一度お試しください。パスワードをお忘れの場合は、再設定できます。`,
  sessionTimedOut:
    '一定の時間操作がなかったため、安全のためログアウトしました。もう一度ログインしてください。',
  forgotPassword: 'パスワードをお忘れの方',
  noAccount: '登録がお済みでない事業者・団体の方',
  signedOut: 'ログアウトしました。',

  // Second factor
  secondFactorTitle: '2段階認証',
  secondFactorLead: '認証アプリに表示されている6桁の確認コードを入力してください。',
  totpCode: '確認コード',
  totpCodeHint: '6桁の数字です。',
  secondFactorSubmit: '確認する',
  useRecoveryCode: '認証アプリが使えない場合は、リカバリーコードを入力してください。',
  recoveryCode: 'リカバリーコード',
  recoveryCodeHint: '例：abcde-fghjk（一度だけ使えます）',
  recoveryCodeSubmit: 'リカバリーコードで確認する',
  enrolTitle: '2段階認証の設定',
  enrolLeadStaff:
    '職員のアカウントでは、2段階認証の設定が必要です。スマートフォンなどの認証アプリ（Google Authenticator、Microsoft Authenticator など）で次のQRコードを読み取ってください。',
  enrolLeadProposer:
    '認証アプリ（Google Authenticator、Microsoft Authenticator など）で次のQRコードを読み取ってください。',
  qrCodeAlt: '2段階認証の設定用QRコード',
  manualKey: 'QRコードを読み取れない場合は、次の設定キーを認証アプリに入力してください。',
  enrolCodeLead: '設定後、認証アプリに表示された6桁の確認コードを入力してください。',
  enrolSubmit: '設定を完了する',
  recoveryCodesTitle: 'リカバリーコード',
  recoveryCodesLead:
    '認証アプリが使えなくなったときに、次のコードでログインできます。各コードは一度だけ使えます。このページは一度しか表示されません。印刷するか、安全な場所に保管してください。',
  recoveryCodesDone: '保管しました。次へ進む',
  twoFactorTitle: '2段階認証',
  twoFactorOn: '2段階認証は有効です。',
  twoFactorOff: '2段階認証は設定されていません。',
  twoFactorEnable: '2段階認証を設定する',
  twoFactorDisable: '2段階認証を解除する',
  twoFactorRequiredForStaff: '職員のアカウントでは、2段階認証を解除できません。',
  twoFactorRegenerate: 'リカバリーコードを作り直す',
  twoFactorDisabled: '2段階認証を解除しました。',
  recoveryCodesLeft: (n: number) => `未使用のリカバリーコード：${n}件`,

  // Password reset
  forgotTitle: 'パスワードの再設定',
  forgotLead:
    '登録したメールアドレスを入力してください。パスワードを再設定するためのリンクをお送りします。',
  forgotSubmit: '再設定のメールを送る',
  forgotSentTitle: 'メールをご確認ください',
  forgotSentBody:
    '入力されたメールアドレスが登録されている場合は、パスワード再設定のご案内をお送りしました。リンクの有効期限は30分です。',
  resetTitle: '新しいパスワードの設定',
  resetSubmit: 'パスワードを設定する',
  resetDone: 'パスワードを変更しました。新しいパスワードでログインしてください。',
  newPassword: '新しいパスワード',
  currentPassword: '現在のパスワード',

  // Staff set-up
  setupTitle: '職員アカウントの設定',
  setupLead: 'パスワードを設定してください。設定後にログインし、2段階認証を設定していただきます。',
  setupSubmit: 'パスワードを設定する',
  setupDone: 'パスワードを設定しました。ログインしてください。',

  // Account pages
  accountTitle: 'マイページ',
  accountSection: 'アカウント',
  accountName: '氏名',
  accountEmail: 'メールアドレス',
  organisation: '所属する事業者・団体',
  organisationRole: '役割',
  organisationRoles: { admin: '管理者', member: 'メンバー' },
  staffRolesHeading: '職員としての役割',
  changePassword: 'パスワードの変更',
  changePasswordLead: 'パスワードを変更すると、この端末以外のすべてのログインが終了します。',
  passwordChanged: 'パスワードを変更しました。ほかの端末のログインは終了しました。',
  changeEmail: 'メールアドレスの変更',
  changeEmailLead:
    '新しいメールアドレスに確認のメールをお送りします。リンクを開くと変更が完了します。',
  newEmail: '新しいメールアドレス',
  changeEmailSent: (email: string) =>
    `${email} あてに確認のメールをお送りしました。リンクを開くと変更が完了します。`,
  emailChanged: 'メールアドレスを変更しました。',
  confirmEmailChangeTitle: 'メールアドレスの変更',
  confirmEmailChangeLead: (email: string) =>
    `次のボタンを押すと、メールアドレスを ${email} に変更します。`,
  confirmEmailChangeSubmit: '変更する',
  sessionsTitle: 'ログイン中の端末',
  sessionsLead:
    'このアカウントでログインしている端末の一覧です。心当たりのないものは終了してください。',
  sessionCurrent: 'この端末',
  sessionStarted: 'ログイン日時',
  sessionLastSeen: '最終利用日時',
  sessionDevice: '端末（ブラウザ）',
  sessionAddress: '接続元',
  sessionEnd: 'ログインを終了する',
  sessionEndOthers: 'この端末以外のログインをすべて終了する',
  sessionsEnded: (n: number) => `${n}件のログインを終了しました。`,
  unknownDevice: '不明',
  staffArea: '職員用ページ',
  staffAreaLead: 'ログイン中の職員アカウントの役割と、利用できる機能です。',
  adminArea: '管理',
  roleNames: {
    gateStaff: '窓口職員',
    departmentStaff: '部署職員',
    departmentApprover: '部署の決裁者',
    headquartersMember: '推進本部会議の構成員',
    tenantAdmin: 'システム管理者',
  },
  allDepartments: '全庁',

  // Organisation and members
  organisationTitle: '事業者・団体の情報とメンバー',
  membersHeading: 'メンバー',
  memberJoined: '参加日',
  inviteHeading: 'メンバーを招待する',
  inviteLead:
    '招待するかたのメールアドレスを入力してください。招待のメールをお送りします。リンクの有効期限は7日間です。',
  inviteSubmit: '招待する',
  invited: (email: string) => `${email} あてに招待のメールをお送りしました。`,
  pendingInvitations: '招待中',
  invitationExpires: '有効期限',
  cancelInvitation: '招待を取り消す',
  invitationCancelled: '招待を取り消しました。',
  removeMember: 'メンバーから外す',
  memberRemoved: (name: string) => `${name} さんをメンバーから外しました。`,
  alreadyMember: 'このメールアドレスのかたは、すでに登録されています。',
  joinTitle: 'メンバーとして参加',
  joinLead: (organisation: string) =>
    `${organisation} のメンバーとして参加します。氏名とパスワードを設定してください。`,
  joinSubmit: '参加する',
  joined: (organisation: string) =>
    `${organisation} のメンバーになりました。ログインしてください。`,
  you: '（あなた）',
};
