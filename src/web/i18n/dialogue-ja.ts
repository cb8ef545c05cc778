import type { ProposalState } from '../../domain/proposal-state.ts';

/** Messages of the dialogue (messages, internal notes, meetings) and the proposer's page. */
export const dialogueJa = {
  // The thread
  threadHeading: 'メッセージ',
  threadLeadProposer:
    'この提案について、市とのやり取りを記録しています。市からのメッセージが届くと、メールでお知らせします。',
  threadLeadStaff:
    '提案者とのメッセージと庁内メモです。庁内メモは提案者には表示されず、メールでも知らされません。',
  threadEmpty: 'まだメッセージはありません。',
  threadList: 'メッセージの一覧（古い順）',
  kinds: {
    message: 'メッセージ',
    note: '庁内メモ',
    infoRequest: '追加情報の依頼',
    infoResponse: '追加情報の回答',
  },
  noteMark: '提案者には表示されません',
  fromProposer: (name: string) => `提案者：${name}`,
  fromCity: (unit: string) => `市：${unit}`,
  fromStaff: (name: string, unit: string) => `${name}（${unit}）`,
  gateOffice: '官民連携窓口',
  postedAt: '送信日時',
  files: '添付ファイル',
  fileLabel: (name: string, type: string, size: string) => `${name}（${type}、${size}）`,

  // The post form
  postHeading: 'メッセージを送る',
  postLeadProposer:
    '市への質問や、追加の資料をお送りいただけます。送信したメッセージは、担当する職員が確認します。',
  postLeadStaff: '提案者へのメッセージ、または庁内メモを記録します。',
  kindLegend: '記録の種類',
  kindMessage: 'メッセージ（提案者に表示し、メールで知らせます）',
  kindNote: '庁内メモ（職員だけが見られます）',
  body: '本文',
  bodyHint: (max: string) => `${max}文字以内で入力してください。`,
  attach: '添付ファイル',
  attachHint: (count: number) =>
    `PDF、Word、Excel、PowerPoint、JPEG、PNG のファイルを、1ファイル20MBまで、${count}ファイルまで選べます。エラーで画面が戻った場合は、ファイルを選び直してください。`,
  send: '送信する',
  posted: 'メッセージを送信しました。',
  notePosted: '庁内メモを記録しました。',

  // The answer to an information request
  answerHeading: '追加情報の回答と再提出',
  answerLead:
    '窓口からの依頼にお答えください。回答を送ると、提案は再提出され、同じ受付番号のまま要件確認に戻ります。提案の内容を直す場合は、先に「提案を編集する」から変更してください。',
  answerBody: '回答',
  answerSend: '回答して再提出する',
  answered: '回答を送り、提案を再提出しました。窓口での確認が終わるまで、しばらくお待ちください。',

  // Errors
  errors: {
    bodyRequired: '本文を入力してください。',
    answerRequired: '回答を入力してください。',
    tooManyFiles: (max: number) => `添付できるファイルは、1回に${max}ファイルまでです。`,
    kindInvalid: '記録の種類を選んでください。',
    notPermitted: 'この提案には、現在メッセージを送ることができません。',
    notInfoRequested:
      'この提案は、すでに回答済みか、追加情報の依頼中ではありません。最新の状況をご確認ください。',
    startsAtInvalid: '日付と時刻を正しく入力してください（例：2026-12-10、14:00）。',
    startsAtRange: '打合せの日付は、1年前から3年後までの間で入力してください。',
    onlineUrlInvalid: 'http:// または https:// で始まるアドレスを入力してください。',
    attendeeInvalid: '出席者は、一覧から選んでください。',
    tooLong: (max: number) => `${max.toLocaleString('ja-JP')}文字以内で入力してください。`,
  },
  uploadErrors: {
    tooLarge: (name: string) => `「${name}」は20MBを超えているため、添付できません。`,
    type: (name: string) =>
      `「${name}」は添付できない形式です。PDF、Word、Excel、PowerPoint、JPEG、PNG のファイルを選んでください。`,
    mismatch: (name: string) =>
      `「${name}」は、ファイル名の拡張子と内容が一致しないため、添付できません。ファイルを保存し直してから、もう一度お試しください。`,
    empty: (name: string) => `「${name}」は中身が空のファイルのため、添付できません。`,
  },

  // Meetings
  meetingsHeading: '打合せ',
  meetingsLeadProposer:
    'この提案についての打合せです。場所やオンライン会議のリンクは、出席者としてご案内した方にだけ表示します。',
  meetingsEmpty: '予定している打合せはありません。',
  startsAt: '日時',
  place: '場所',
  onlineUrl: 'オンライン会議のリンク',
  purpose: '目的',
  attendees: '出席者',
  otherAttendees: 'その他の出席者',
  cityStaff: (count: number) => `市の職員 ${count}名`,
  you: '（あなた）',
  placeForAttendees: '出席者にのみお知らせしています。',
  noPlace: '未定',
  minutes: '打合せの記録',
  minutesNotYet: 'まだ記録はありません。',
  minutesNotShared: '記録は、まだ提案者と共有していません。',
  minutesShared: '提案者と共有しています。',

  scheduleHeading: '打合せを登録する',
  scheduleLead:
    '出席者には、日時をメールでお知らせします。場所とリンクは、出席者だけがこのページで見られます。',
  date: '日付',
  dateHint: '例：2026-12-10',
  time: '開始時刻',
  timeHint: '例：14:00（24時間表記）',
  purposeHint: '任意。打合せで確認したいことなど。',
  placeHint: '任意。会議室の名前や住所など。',
  onlineUrlHint: '任意。https:// で始まるアドレス。',
  attendeesLegend: '出席者（アカウントのある方）',
  attendeesHint: '提案者の事業者・団体のメンバーと、この提案を担当する職員から選べます。',
  otherAttendeesHint: '任意。アカウントのない出席者の所属と名前など。',
  attendeeSideProposer: '提案者',
  attendeeSideCity: '職員',
  scheduleSend: '打合せを登録する',
  scheduled: '打合せを登録し、出席者にお知らせしました。',

  minutesHeading: (when: string) => `${when}の打合せの記録`,
  minutesShare: '提案者と共有する',
  minutesShareHint: '共有すると、提案者のページに記録が表示され、メールでお知らせします。',
  minutesSend: '記録を保存する',
  minutesSaved: '打合せの記録を保存しました。',

  // The proposer's page: where it stands and what comes next
  nowHeading: '状況のご案内',
  holderLabel: '対応する人',
  holders: {
    proposer: 'あなた（提案者）',
    gate: '官民連携窓口',
    leadDepartment: '担当部署',
    leadApprover: '担当部署の責任者',
    headquarters: '官民連携推進本部会議',
    none: 'なし（手続きは終了しています）',
  },
  nextHeading: 'これからの流れ',
  next: {
    draft: 'まだ提出していません。すべての項目を入力し、要件を確認のうえ、提出してください。',
    submitted:
      '受付番号を発行しました。窓口が提案の要件を確認します。確認の結果はメールでお知らせします。この間もメッセージで質問を送れます。',
    screening: '窓口が提案の要件を確認しています。追加の情報が必要な場合は、質問をお送りします。',
    infoRequested:
      '窓口から質問をお送りしています。下の「追加情報の回答と再提出」から回答してください。回答すると、提案は同じ受付番号のまま再提出されます。',
    notAccepted:
      '提案の要件に合わないため、お受けできませんでした。理由は下の「市からの説明」をご覧ください。',
    referred:
      '担当部署が明らかなため、その部署へご案内しました。担当部署から、メッセージや打合せのご連絡を差し上げます。',
    review:
      '担当部署を決め、提案を検討しています。担当部署から、メッセージや打合せのご連絡を差し上げることがあります。',
    dialogue: '担当部署と事業の形を話し合っています。メッセージや打合せでご相談ください。',
    decision:
      '担当部署の責任者が、事業を実施するかどうかを判断しています。結果と理由をお知らせします。',
    escalated: '官民連携推進本部会議で判断します。結果と理由をお知らせします。',
    notAdopted: '事業化を見送りました。理由は下の「市からの説明」をご覧ください。',
    adopted: '事業化することが決まりました。担当部署が、事業の実施主体を公平な方法で選びます。',
    selection: '担当部署が、事業の実施主体を公平な方法で選んでいます。結果をお知らせします。',
    agreement: '役割分担と責任を、協定・契約で定めています。担当部署からご連絡します。',
    implementation: '事業を実施しています。進み具合は担当部署とご相談ください。',
    verification: '担当部署と実施主体が、一緒に事業の効果を検証しています。',
    completed: '効果の検証を終えました。ご協力ありがとうございました。',
    withdrawn: '提案を取り下げました。必要な場合は、新しい提案としてご提出ください。',
  } satisfies Record<ProposalState, string>,
  reasonsHeading: '市からの説明',
  reasonsLead: '判断や依頼の理由です。',
  reasonsTable: '判断や依頼の理由（古い順）',
  reasonFor: {
    infoRequested: '追加情報の依頼',
    notAccepted: '受付不可の理由',
    notAdopted: '不採用の理由',
    adopted: '採用の理由',
    escalated: '本部会議に付議した理由',
    withdrawn: '取り下げの理由',
  },
  reasonAt: '日時',
  reasonKind: '内容',
  reasonText: '説明',
};
