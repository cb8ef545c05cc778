/** Messages of cases: the gate's work on them, the partner's approval, the public page. */
export const caseJa = {
  // The gate's list
  listTitle: '官民連携事例の管理',
  listLead:
    '事業から作成した事例と、直接登録した事例です。事業から作成した事例は、連携先の承認を得てから公開します。',
  newCase: '事例を直接登録する',
  groups: {
    draft: '下書き',
    pending: '連携先の承認待ち',
    returned: '連携先から差し戻された事例',
    approved: '承認済み（公開前）',
    published: '公開中',
    archived: '公開を終了した事例',
  },
  groupHeading: (name: string, count: number) => `${name}（${count}件）`,
  partnerApproval: (organisation: string, status: string) => `${organisation}：${status}`,
  myStatusLine: (status: string) => `状況：${status}`,
  emptyGroup: '該当する事例はありません。',
  columns: {
    title: '事例の名称',
    origin: '作成の経緯',
    partner: '承認する連携先',
    updatedAt: '更新日時',
    comment: '連携先からのコメント',
  },
  origins: { proposal: '事業から作成', direct: '直接登録' },
  backToList: '事例の一覧へ戻る',
  workLink: '官民連携事例の管理',

  // The form
  newTitle: '事例の直接登録',
  newLead:
    '官民連携窓口を通さずに結ばれた連携（部署が締結した協定など）を事例として登録します。連携先の承認なしに公開できます。',
  editHeading: '内容の編集',
  fields: {
    titleJa: '事例の名称（日本語）',
    titleEn: '事例の名称（英語）',
    summaryJa: '概要（日本語）',
    summaryEn: '概要（英語）',
    activitiesJa: '取組の内容（日本語）',
    activitiesEn: '取組の内容（英語）',
    resultsJa: '成果（日本語）',
    resultsEn: '成果（英語）',
    periodJa: '期間（日本語）',
    periodEn: '期間（英語）',
    partnersJa: '連携した事業者・団体（日本語）',
    partnersEn: '連携した事業者・団体（英語）',
    year: '年',
    fields: 'まちづくりの分野',
    methods: '官民連携手法',
    translationPending: '英語版は翻訳待ちです（英語のページにその旨を表示します）',
  },
  hints: {
    english: '英語版がない項目は、英語のページでも日本語で表示します。',
    period: '例：2027年4月1日〜2028年3月31日',
    partners: '市を含め、連携した主体を「、」で区切って入力してください。',
    year: '西暦4桁で入力してください（例：2027）。',
    results: '成果指標の目標と実績、効果検証で分かったことを書いてください。',
  },
  yearInvalid: '年は西暦4桁の数字で入力してください（例：2027）。',
  save: '保存する',
  create: '登録する',

  // The case's page for the gate
  statusHeading: '現在の状況',
  statusLabel: '公開の状況',
  statusNames: { draft: '下書き', published: '公開中', archived: '公開終了' },
  approvalLabel: '連携先の承認',
  approvalNames: {
    none: 'まだ依頼していません',
    pending: '承認をお待ちしています',
    approved: '承認済み',
    returned: '差し戻されました',
  },
  noPartner: '直接登録した事例のため、連携先の承認は必要ありません。',
  proposalLabel: '元の提案',
  returnedComment: '連携先からのコメント',
  actionsHeading: '操作',
  requestApproval: '連携先に承認を依頼する',
  requestHint:
    '連携先の事業者・団体のメンバーに、メールでお知らせします。承認を得るまで公開できません。',
  publish: '公開する',
  archive: '公開を終了する',
  publishNeedsApproval: '事業から作成した事例は、連携先の承認を得てから公開できます。',
  publishedLocked: '公開中の事例は編集できません。編集するには、先に公開を終了してください。',
  approvalResets: '承認後に内容を変更すると、連携先にもう一度承認を依頼する必要があります。',
  viewPublic: '公開中のページを見る',
  drafted: '事業から事例の下書きを作成しました。内容を確認し、必要に応じて編集してください。',
  created: '事例を登録しました。内容を確認してから公開してください。',
  saved: '事例を保存しました。',
  savedApprovalReset:
    '事例を保存しました。承認後に内容を変更したため、連携先にもう一度承認を依頼してください。',
  requested: (count: number) =>
    `連携先に承認を依頼しました（${count}人にメールでお知らせしました）。`,
  publishedNotice: '事例を公開しました。',
  archivedNotice: '事例の公開を終了しました。',
  refusals: {
    notAllowed: 'この操作は官民連携窓口の職員だけが行えます。',
    published: '公開中の事例は編集できません。編集するには、先に公開を終了してください。',
    changed:
      'ページを開いた後に、ほかの職員がこの事例を更新しました。最新の内容を確認してから、もう一度操作してください。',
    approvalRequired: '事業から作成した事例は、連携先の承認を得てから公開できます。',
    incomplete: '事例の名称、概要、連携した事業者・団体を入力してから操作してください。',
    noPartner: '直接登録した事例には、承認を依頼する連携先がありません。',
    alreadyAsked: '連携先にはすでに承認を依頼しているか、承認を得ています。',
    notPublished: 'この事例は公開されていません。',
    notCompleted: '事例は、効果検証を終えて完了した提案から作成できます。',
    exists: 'この提案の事例はすでにあります。',
    confidentialText:
      '事例の文章に、元の提案の非開示の部分と同じ文があります。その文を削除または書き換えてから公開してください。',
  },
  confidentialHeading: '非開示の内容が含まれています',
  confidentialIntro:
    '次の文は、元の提案で非開示（または開示区分なし）とされた部分と同じです。このままでは公開できません。',

  // The work page of a proposal
  proposalSection: '官民連携事例',
  createFromProposal: '事例の下書きを作成する',
  createHint:
    'この提案の開示可の内容、協定、成果指標の実績、効果検証から下書きを作ります。非開示の内容と添付ファイルは使いません。',
  backToProposal: '提案の作業ページへ戻る',
  openCase: 'この提案の事例を開く',

  // The partner's area
  myListTitle: '事例のご確認',
  myListLead:
    '貴団体と市が連携した事業を、官民連携事例として公開する準備をしています。公開の前に、内容をご確認ください。',
  myEmpty: 'ご確認いただく事例はありません。',
  myLink: 'ご確認いただく事例',
  myStatus: {
    preparing: '市が準備しています',
    pending: 'ご確認をお待ちしています',
    approved: '承認いただきました',
    returned: '差し戻しました',
    published: '公開中です',
    archived: '公開を終了しました',
  },
  myStatusLabel: '状況',
  myCaseLead:
    '公開する内容は次のとおりです。英語版がある場合は、英語のページでご確認いただけます。',
  answerHeading: 'ご回答',
  approve: 'この内容での公開を承認する',
  returnHeading: '直してほしい点がある場合',
  comment: 'コメント',
  commentHint: '直してほしい点を具体的にお書きください。市の担当者が内容を見直します。',
  returnButton: 'コメントを付けて差し戻す',
  approvedNotice: '公開を承認いただきました。ありがとうございます。',
  returnedNotice: '差し戻しました。市の担当者が内容を見直し、改めてご確認をお願いします。',
  commentRequired: 'コメントを入力してください。直してほしい点をお書きください。',
  notPending: 'この事例は、現在ご確認をお願いしている状態ではありません。',
  changedForPartner:
    'ページを開いた後に、市の担当者が内容を変更しました。最新の内容をご確認ください。',

  // The public page
  activities: '取組の内容',
  results: '成果',
  period: '期間',
  translationPending: 'この事例の英語版は翻訳中です。翻訳ができるまで、日本語で表示しています。',
};
