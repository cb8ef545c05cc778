/** Messages of the proposal form, in Japanese. */
export const proposalFormJa = {
  newTitle: '提案の作成',
  titleTheme: 'テーマ型提案の作成',
  titleFree: 'フリー型提案の作成',
  titleEditTheme: 'テーマ型提案の編集',
  titleEditFree: 'フリー型提案の編集',
  themeLead: (challenge: string, closesOn: string) =>
    `地域・行政課題「${challenge}」のテーマ型募集への提案です。提出の締切は${closesOn}です。`,
  freeLead:
    '地域・行政課題の募集テーマに限らず、まちづくりにつながるアイデアをフリー型提案として受け付けています。',
  howToSave:
    '入力の途中でも「下書きを保存する」ボタンで保存できます。下書きは、同じ事業者・団体のメンバーも編集できます。すべて入力したら、ページの最後にある「提出する」ボタンで提出してください。',
  requiredNote:
    '「必須」の項目は、提出するときに入力が必要です。下書きは、必須の項目が空欄のままでも保存できます。',

  // Disclosure marks
  disclosureHeading: '開示区分について',
  disclosureIntro: [
    '市の保有する文書は、情報公開条例に基づいて、どなたでも公開を請求できます。提出された提案書も、その対象になることがあります。',
    'そのため市では、提案書の項目ごと・添付ファイルごとに、開示区分を選んでいただいています。営業上の秘密やノウハウにあたる部分を市が確実に把握し、公開の請求があったときに適切に保護するためです。',
  ],
  disclosureMeaningConfidential:
    '市が公表することはありません。公開の請求があった場合も、この区分を尊重して、条例に基づき開示するかどうかを判断します。',
  disclosureMeaningDisclosable:
    '公開の請求があった場合に、開示することがあります。事業化した後に官民連携事例として紹介する際に使うことがあります（公表する前に、内容をご確認いただきます）。',
  disclosureReasonNote:
    '非開示とする場合は、理由（例：特許出願前の技術を含むため）を書いていただくと、公開の請求があったときの判断に役立ちます。',
  disclosureMarks: {
    confidential: '非開示（営業上の秘密・ノウハウ）',
    disclosable: '開示可',
  },
  disclosureLegend: (label: string) => `「${label}」の開示区分`,
  disclosureMark: '開示区分',
  disclosureReason: '理由（任意）',
  disclosureReasonLabel: (label: string) => `「${label}」の開示区分の理由`,

  // Sections
  basicsHeading: '提案の概要',
  problemHeading: '課題と提案の内容',
  effectsHeading: '期待される効果と成果指標',
  contributionHeading: '提案者が提供するもの',
  cityRequestsHeading: '市に求めること',
  burdenHeading: '市の財政負担',
  periodHeading: '実施期間と使用する施設など',
  trackRecordHeading: '実績',
  taxonomyHeading: 'まちづくりの分野と官民連携手法',
  title: 'タイトル',
  titleHint:
    'タイトルは、担当部署以外の職員にも表示されます。営業上の秘密にあたる内容は書かないでください。',
  limit: (max: number) => `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
  sections: {
    summary: {
      label: '提案の概要',
      hint: '提案の全体像を、初めて読む人にも分かるように簡潔にまとめてください。',
    },
    problem: {
      label: '解決したい課題',
      hint: 'どのような地域・行政課題を、なぜ解決したいのかを書いてください。データや現場の声など、根拠があれば添えてください。',
    },
    approach: {
      label: '提案の内容と実施方法',
      hint: '何を、誰と、どのように実施するのかを、段階や手順が分かるように書いてください。',
    },
    effects: {
      label: '期待される効果',
      hint: '提案によって、何がどのように良くなるのかを書いてください。数値で示せる目標は、下の「成果指標」にも入力してください。',
    },
    contribution: {
      label: '提案者が提供するもの',
      hint: '資金、人材、技術、ノウハウ、設備など、提案者の側で負担・提供するものを書いてください。',
    },
    cityRequests: {
      label: '市に求めることの具体的な内容',
      hint: '上で選んだ項目について、何を、いつ、どのくらい求めるのかを書いてください。',
    },
    burden: {
      label: '財政負担についての補足',
      hint: '見込額の根拠や、事業の後に必要となる維持管理費などについて、補足があれば書いてください。',
    },
    period: {
      label: '実施期間',
      hint: '開始の時期、実施する期間、スケジュールの目安を書いてください。',
    },
    occupancy: {
      label: '使用する施設・場所・数量',
      hint: '市の施設、土地、道路、公園などを使う場合は、場所、広さや数量、使う期間を書いてください。',
    },
    trackRecord: {
      label: '実績',
      hint: '同様の取組の実績（ほかの自治体での実施例など）があれば書いてください。',
    },
  },

  // Indicators
  indicators: '成果指標',
  indicatorsHint:
    '効果を測るための指標を、指標名・目標値・単位に分けて入力してください（例：指標名「イベントの参加者数」、目標値「500」、単位「人」）。使わない行は空欄のままで構いません。',
  indicatorsLimit: (max: number) => `${max}件まで入力できます。`,
  indicatorRow: (n: number) => `成果指標${n}`,
  indicatorName: '指標名',
  indicatorTarget: '目標値',
  indicatorUnit: '単位',
  addIndicator: '成果指標の入力欄を増やす',

  // City requests
  cityRequests: '市に求めること',
  cityRequestsHint:
    '当てはまるものをすべて選んでください。市に求めることがない場合は、選ばなくて構いません。',
  cityRequestKinds: {
    venue: '会場・施設',
    data: 'データ',
    publicity: '広報',
    permission: '許可・使用承認',
    coHosting: '共催・後援',
    money: '費用負担',
    other: 'その他',
  },

  // Financial burden
  burdenKind: '市の財政負担の有無',
  burdenKindHint: '事業の実施後に市が負担することになる維持管理費なども含めてお考えください。',
  burdenKinds: {
    none: '市の財政負担はありません',
    estimate: '市の財政負担があります（年度ごとに見込額を入力します）',
  },
  burdenRows: '年度ごとの見込額',
  burdenRowsHint:
    '「市の財政負担があります」を選んだ場合に入力してください。使わない行は空欄のままで構いません。',
  burdenRow: (n: number) => `見込額${n}`,
  fiscalYear: '年度',
  chooseFiscalYear: '選択してください',
  amount: '金額（円）',
  amountHint: '例：1,200,000',
  upkeep: '事業の後の維持管理費などです',
  burdenNote: '内容・備考（任意）',
  addBurden: '見込額の入力欄を増やす',

  // Taxonomies
  methods: '希望する官民連携手法',
  methodsHint: '希望する手法があれば選んでください。分からない場合は、選ばなくて構いません。',
  fields: 'まちづくりの分野',
  fieldsHint: '提案に関係する分野を、1つ以上選んでください。',
  concepts: 'まちづくりの重要概念',
  conceptsHint: '関係するものがあれば選んでください。',

  // Attachments
  attachmentsHeading: '添付ファイル',
  attachmentLimits:
    '添付できるファイルの形式は、PDF、Word、Excel、PowerPoint、JPEG、PNG です。1ファイル20MBまで、1件の提案につき10ファイルまで添付できます。',
  attachmentsNone: '添付ファイルはまだありません。',
  attachmentsCurrent: '添付済みのファイル',
  fileSize: 'サイズ',
  fileType: '形式',
  removeAttachment: 'このファイルを削除する',
  newFiles: 'ファイルの追加',
  newFilesHint:
    'ファイルを選んでから「下書きを保存する」ボタンを押すと、添付されます。選んだファイルは、送信のたびに選び直す必要があります。',
  uploadSlot: (n: number) => `追加するファイル${n}`,
  uploadFile: 'ファイル',
  noMoreFiles:
    '添付できるファイルの数の上限に達しています。追加するには、不要なファイルを削除してください。',

  // Eligibility
  eligibilityHeading: '提案の要件の確認',
  eligibilityLead:
    '次のいずれかに当てはまる提案は、お受けできません。それぞれ当てはまらないことを確認し、チェックを入れてください。提出するには、すべての項目の確認が必要です。',
  eligibility: '提案の要件',
  eligibilityItem: (text: string) => `当てはまりません：${text}`,

  // Personal data
  privacyHeading: '個人情報の取扱い',
  privacyNotice: [
    '提案書に記載された氏名、連絡先などの個人情報は、提案の受付と要件確認、担当部署での検討や対話、提案者へのご連絡、事業化の検討のために使用します。',
    'これらの目的に必要な範囲で市の関係部署と共有しますが、法令に基づく場合を除き、ご本人の同意なく市の外部に提供することはありません。',
  ],
  privacyVersion: (version: string) => `この説明の版：${version}`,
  privacy: '個人情報の取扱いについて確認し、同意します。',

  // Buttons and states
  autosaved: '下書きを自動で保存しました。保存した時刻：',
  save: '下書きを保存する',
  submit: '提出する',
  submitNote:
    '提出すると受付番号をお知らせします。提出した後は、市から追加の情報を求められた場合を除き、内容を変更できません。',
  conflictShort:
    'ほかのメンバーが先にこの下書きを保存したため、保存できませんでした。入力した内容を失わないよう、「下書きを保存する」ボタンを押してください。',
  saved: (date: string) => `下書きを保存しました（${date}）。`,
  answerPending:
    '変更を保存しました。再提出するには、このページの「追加情報の回答と再提出」に回答を入力して送ってください。',
  submitted: (receiptNumber: string) =>
    `提案を提出しました。受付番号は ${receiptNumber} です。確認のメールをお送りしました。`,
  callClosedTitle: 'このテーマ型募集は受付期間外です',
  callClosedBody:
    'このテーマ型募集は、現在、提案を受け付けていません。募集中の課題をご覧になるか、フリー型提案としてご提案ください。',
  uploadErrors: {
    tooLarge: (name: string) => `「${name}」は20MBを超えているため、添付できません。`,
    type: (name: string) =>
      `「${name}」は添付できない形式です。PDF、Word、Excel、PowerPoint、JPEG、PNG のファイルを選んでください。`,
    mismatch: (name: string) =>
      `「${name}」は、ファイル名の拡張子と内容が一致しないため、添付できません。ファイルを保存し直してから、もう一度お試しください。`,
    empty: (name: string) => `「${name}」は中身が空のファイルのため、添付できません。`,
    tooMany: (name: string) =>
      `添付できるファイルは1件の提案につき10件までのため、「${name}」は添付できませんでした。`,
    notEditable: (name: string) =>
      `この提案は変更できない状態のため、「${name}」は添付できませんでした。`,
  },
  conflictTitle: 'ほかのメンバーが、この下書きを先に保存しました',
  conflictBody:
    'あなたが入力した文章などは、まだ保存されていません（ファイルの追加と削除は反映されています）。入力した内容は、下のフォームにそのまま残しています。保存されている最新の内容と見比べたうえで、もう一度保存してください。',

  // Messages for problems, beside the field and after its name in the error summary
  // Error codes of parseProposalForm that take no argument
  errorCodes: {
    choose: '選択してください。',
    burdenKindMismatch:
      '見込額が入力されています。市の財政負担がある場合は「あります」を選び、ない場合は見込額の欄を空にしてください。',
    amountInvalid: '円単位の数字で入力してください（例：1,200,000）。',
    amountTooLarge: '金額が大きすぎます。円単位で入力されているかご確認ください。',
    amountRequired: '金額を入力してください。',
    fiscalYearRequired: '年度を選んでください。',
    indicatorIncomplete: '指標名・目標値・単位をすべて入力してください。',
  },
  errors: {
    required: '入力してください。',
    tooLong: (max: number) => `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
    tooMany: (max: number) => `${max}件まで入力できます。`,
    disclosure: '非開示か開示可かを選んでください。',
    indicatorsMissing: '成果指標を1つ以上入力してください。',
    burdenMissing: '年度ごとの見込額を入力するか、「市の財政負担はありません」を選んでください。',
    fieldMissing: 'まちづくりの分野を1つ以上選んでください。',
    eligibility: '当てはまらないことを確認し、チェックを入れてください。',
    privacy: '内容をご確認のうえ、チェックを入れてください。',
  },
  // Names of fields in the error summary
  labels: {
    indicatorName: (n: number) => `成果指標${n}の指標名`,
    indicatorTarget: (n: number) => `成果指標${n}の目標値`,
    indicatorUnit: (n: number) => `成果指標${n}の単位`,
    burdenFiscalYear: (n: number) => `見込額${n}の年度`,
    burdenAmount: (n: number) => `見込額${n}の金額`,
    burdenNote: (n: number) => `見込額${n}の内容・備考`,
    attachment: (name: string) => `添付ファイル「${name}」`,
    attachmentDisclosure: (name: string) => `添付ファイル「${name}」の開示区分`,
    attachmentReason: (name: string) => `添付ファイル「${name}」の開示区分の理由`,
    uploadDisclosure: (n: number) => `追加するファイル${n}の開示区分`,
    uploadReason: (n: number) => `追加するファイル${n}の開示区分の理由`,
    uploadFile: (n: number) => `追加するファイル${n}`,
  },
};
