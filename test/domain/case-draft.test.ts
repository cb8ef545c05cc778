import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { draftWording } from '../../src/app/cases/draft-wording.ts';
import {
  caseDraft,
  confidentialPassages,
  type CaseDraftSource,
  type DraftProposal,
} from '../../src/domain/case-draft.ts';
import {
  proposalSections,
  textSections,
  type Disclosure,
  type ProposalSection,
} from '../../src/domain/proposal.ts';

type Mark = 'disclosable' | 'confidential' | 'unmarked';
const marks: Mark[] = ['disclosable', 'confidential', 'unmarked'];

/** A source whose every section holds its own recognisable sentence, all marked `mark`. */
function source(marked: Partial<Record<ProposalSection, Mark>>, rest: Mark): CaseDraftSource {
  const disclosure: Partial<Record<ProposalSection, Disclosure>> = {};
  for (const section of proposalSections) {
    const mark = marked[section] ?? rest;
    if (mark !== 'unmarked') {
      disclosure[section] = { mark, reason: mark === 'confidential' ? '独自技術' : '' };
    }
  }
  return {
    proposal: {
      title: '除雪の効率化',
      summary: '文：summary。',
      sections: Object.fromEntries(textSections.map((s) => [s, `文：${s}。`])),
      disclosure,
    },
    indicators: [
      {
        id: 7,
        name: '除雪の所要時間',
        unit: '％短縮',
        target: 20,
        actuals: [
          { period: '2027年度', value: 18 },
          { period: '2028年度', value: 22.5 },
        ],
      },
    ],
    agreement: {
      cityRoles: '道路の情報を提供します。',
      partnerRoles: '車両を運行します。',
      startsOn: '2027-04-01',
      endsOn: '2028-03-31',
      parties: [{ name: '札幌市' }, { name: 'P株式会社' }],
    },
    verification: {
      indicatorResults: { '7': '2年目に目標を上回りました。' },
      worked: '住民の協力が得られました。',
      lessons: '早めの情報共有が大切です。',
    },
    implementerName: '',
  };
}

function allText(draft: ReturnType<typeof caseDraft>): string {
  return [
    draft.title,
    draft.summary,
    draft.activities,
    draft.results,
    draft.period,
    draft.partners,
  ].join('\n');
}

/** Sections the draft reads when disclosable (problem and effects stand in for a summary). */
const used: ProposalSection[] = ['summary', 'approach', 'contribution'];

describe('case draft', () => {
  for (const section of proposalSections) {
    for (const mark of marks) {
      it(`${section} marked ${mark}: its text is used only when disclosable`, () => {
        // The section under test is marked `mark`; every other section is disclosable.
        const draft = caseDraft(source({ [section]: mark }, 'disclosable'), draftWording.ja);
        const text = allText(draft);
        const sentence = `文：${section}。`;
        if (mark === 'disclosable' && used.includes(section)) {
          assert.ok(text.includes(sentence), `${section} missing: ${text}`);
        }
        if (mark !== 'disclosable') {
          assert.ok(!text.includes(sentence), `${section} leaked: ${text}`);
        }
      });
    }
  }

  for (const mark of marks.filter((m) => m !== 'disclosable')) {
    it(`uses nothing of the proposal but its title when every section is ${mark}`, () => {
      for (const lang of ['ja', 'en'] as const) {
        const draft = caseDraft(source({}, mark), draftWording[lang]);
        assert.ok(!allText(draft).includes('文：'), allText(draft));
        assert.equal(draft.title, '除雪の効率化');
        assert.equal(draft.summary, '');
      }
    });
  }

  it('lets a disclosable problem stand in for a confidential summary', () => {
    const draft = caseDraft(
      source({ summary: 'confidential', problem: 'disclosable' }, 'confidential'),
      draftWording.ja,
    );
    assert.equal(draft.summary, '文：problem。');
  });

  it('states each indicator’s target against its actuals, with the verification’s words', () => {
    const draft = caseDraft(source({}, 'disclosable'), draftWording.ja);
    assert.match(
      draft.results,
      /除雪の所要時間：目標 20％短縮、実績 18％短縮（2027年度）、22\.5％短縮（2028年度）/,
    );
    assert.match(draft.results, /評価：2年目に目標を上回りました。/);
    assert.match(draft.results, /うまくいったこと：住民の協力が得られました。/);
    assert.match(draft.results, /得られた教訓：早めの情報共有が大切です。/);
    assert.match(draft.activities, /市の役割：道路の情報を提供します。/);
  });

  it('takes the period, partners and fiscal year from the agreement', () => {
    const ja = caseDraft(source({}, 'disclosable'), draftWording.ja);
    assert.equal(ja.period, '2027年4月1日〜2028年3月31日');
    assert.equal(ja.partners, '札幌市、P株式会社');
    assert.equal(ja.year, 2027);
    const en = caseDraft(source({}, 'disclosable'), draftWording.en);
    assert.equal(en.period, '1 April 2027 – 31 March 2028');
  });

  it('names the implementer and leaves the period open without an agreement', () => {
    const draft = caseDraft(
      { ...source({}, 'disclosable'), agreement: null, implementerName: 'P株式会社' },
      draftWording.ja,
    );
    assert.equal(draft.partners, 'P株式会社');
    assert.equal(draft.period, '');
    assert.equal(draft.year, null);
  });

  it('says when an indicator has no actual value yet', () => {
    const base = source({}, 'disclosable');
    const draft = caseDraft(
      { ...base, indicators: [{ ...base.indicators[0]!, actuals: [] }], verification: null },
      draftWording.ja,
    );
    assert.equal(draft.results, '除雪の所要時間：目標 20％短縮、実績 なし');
  });
});

describe('confidential passages in a case’s texts', () => {
  const proposal: DraftProposal = {
    title: '除雪の連携',
    summary: '除雪車の配車を効率化します。',
    sections: {
      problem: '除雪の担い手が不足しています。',
      approach: '秘密の配車アルゴリズムを使います。夜間です。',
      trackRecord: '他市での実績は非公表の契約です。',
    },
    disclosure: {
      summary: { mark: 'disclosable', reason: '' },
      problem: { mark: 'disclosable', reason: '' },
      approach: { mark: 'confidential', reason: '独自技術' },
      // trackRecord has no mark: it counts as confidential.
    },
  };

  it('finds a confidential sentence pasted into a case, also with spaces typed into it', () => {
    assert.deepEqual(
      confidentialPassages(proposal, ['取組：秘密の配車アルゴリズムを使います。', '成果なし']),
      ['秘密の配車アルゴリズムを使います。'],
    );
    assert.deepEqual(confidentialPassages(proposal, ['他市での実績は 非公表の契約です。']), [
      '他市での実績は非公表の契約です。',
    ]);
  });

  it('says nothing of disclosable text or of short common phrases', () => {
    assert.deepEqual(
      confidentialPassages(proposal, [
        '除雪の担い手が不足しています。除雪車の配車を効率化します。',
      ]),
      [],
    );
    assert.deepEqual(confidentialPassages(proposal, ['夜間です。']), []);
  });
});
