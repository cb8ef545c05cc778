/** Messages of the fairness monitor page, in Japanese. */
export const fairnessJa = {
  title: '公平性の確認（占有性の高い取決め）',
  lead: '同じ事業者・団体が占有性の高い取決めを同時に複数持っている場合や、一つの取決めを長い期間持っている場合に、ここに表示します。内容を確認し、必要に応じて公募による選定などをご検討ください。',
  inboxLink: '公平性の確認',
  backToInbox: '職員用ページに戻る',
  scope:
    '占有性（時間的・物理的）のいずれかが「高い」とされた取決めを対象にしています。終了日を過ぎた取決め、効果検証で終了と判断した事業、取り下げられた提案は含みません。',
  thresholdHeading: '長期間とみなす期間',
  thresholdText: (months: number) =>
    `占有期間が${months}か月を超える取決めと、期間の定めのない取決めを、長期間の取決めとして表示しています。`,
  flaggedHeading: (count: number) => `確認が必要な事業者・団体（${count}件）`,
  noFlags: '現在、確認が必要な事業者・団体はありません。',
  nameOnly: '（窓口に登録のない事業者・団体）',
  several: (count: number) => `占有性の高い取決めを、同時に${count}件持っています。`,
  long: (count: number, months: number) =>
    `占有期間が${months}か月を超える取決めが${count}件あります。`,
  tableCaption: (name: string) => `${name}の占有性の高い取決め`,
  columns: {
    proposal: '提案',
    period: '協定・契約の期間',
    duration: '占有期間',
    status: '状況',
    exclusivity: '占有性が高い点',
    reasons: '確認の理由',
  },
  statuses: { active: '実施中', planned: '開始予定' },
  period: (from: string, until: string | null) =>
    until === null ? `${from}から（終了日の定めなし）` : `${from}から${until}まで`,
  durations: {
    openEnded: '期間の定めなし',
    exclusiveMonths: (months: number) => `${months}か月（選定記録による）`,
    agreement: (months: number, days: number) =>
      days === 0 ? `${months}か月` : `${months}か月と${days}日`,
  },
  exclusivity: { time: '時間的', space: '物理的' },
  listSeparator: '・',
  reasonSeveral: '同時に複数',
  reasonLong: '長期間',
  formHeading: '長期間とみなす月数の変更',
  monthsLabel: '長期間とみなす月数',
  monthsHint: (min: number, max: number) =>
    `${min}から${max}までの整数を、半角または全角の数字で入力してください。`,
  submit: '月数を変更する',
  saved: (months: number) => `長期間とみなす月数を${months}か月に変更しました。`,
  errors: {
    required: '長期間とみなす月数を入力してください。',
    invalid: (min: number, max: number) => `月数は、${min}から${max}までの整数で入力してください。`,
  },
};
