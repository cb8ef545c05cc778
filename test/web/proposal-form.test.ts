import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyRequest } from 'fastify';
import { h, type VNode } from 'preact';
import { localize, type Lang } from '../../src/domain/language.ts';
import { incompleteParts, privacyNoticeVersion } from '../../src/domain/proposal.ts';
import { loadTaxonomies, type Taxonomies } from '../../src/db/queries/taxonomy.ts';
import { messages } from '../../src/web/i18n/index.ts';
import {
  formFieldId,
  incompleteErrors,
  incompleteMessage,
  parseProposalForm,
  parseYen,
  proposalFormErrors,
  proposalFormRows,
  proposalFormValues,
  type ProposalFormAllowed,
  type ProposalFormValues,
} from '../../src/web/proposal-form.ts';
import { renderPage } from '../../src/web/render.ts';
import type { PageContext } from '../../src/web/views/context.ts';
import {
  ProposalFormPage,
  type ProposalFormPageProps,
} from '../../src/web/views/proposals/form.tsx';
import { startGate, type TestGate } from '../support/server.ts';

const allowed: ProposalFormAllowed = {
  fieldIds: [1, 2, 3],
  conceptIds: [10, 11],
  methodIds: [20, 21],
  eligibilityCodes: ['law-order', 'neutrality'],
  fiscalYears: [2026, 2027, 2028],
};

/** A posted form as the route collects it: every value an array. */
function posted(fields: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, value]) => [name, Array.isArray(value) ? value : [value]]),
  );
}

describe('parseProposalForm', () => {
  it('reads a complete form into content that incompleteParts accepts', () => {
    const fields: Record<string, string | string[]> = {
      _csrf: 'token',
      version: '3',
      action: 'submit',
      title: '  公園の見守りサービス  ',
      summary: '概要です。',
      'section-problem': '課題です。\r\n二行目です。',
      'section-approach': '進め方です。',
      'section-effects': '効果です。',
      'section-contribution': '提供するものです。',
      cityRequests: ['venue', 'data', 'bogus', 'venue'],
      burdenKind: 'estimate',
      'burden-0-fiscalYear': '2027',
      'burden-0-amount': '1,200,000',
      'burden-0-upkeep': 'yes',
      'burden-0-note': '維持管理費',
      'indicator-0-name': '参加者数',
      'indicator-0-target': '500',
      'indicator-0-unit': '人',
      methods: ['20'],
      fields: ['2', '3'],
      concepts: ['11'],
      eligibility: ['law-order', 'neutrality'],
      privacy: 'yes',
    };
    for (const section of [
      'summary',
      'problem',
      'approach',
      'effects',
      'contribution',
      'cityRequests',
      'burden',
      'period',
      'occupancy',
      'trackRecord',
    ]) {
      fields[`disclosure-${section}`] = section === 'approach' ? 'confidential' : 'disclosable';
    }
    fields['disclosureReason-approach'] = '特許出願前の技術を含むため';
    const parsed = parseProposalForm(posted(fields), allowed);
    assert.deepEqual(parsed.errors, {});
    assert.equal(parsed.action, 'submit');
    assert.equal(parsed.version, 3);
    const { content } = parsed;
    assert.equal(content.title, '公園の見守りサービス');
    assert.equal(content.sections.problem, '課題です。\n二行目です。');
    assert.deepEqual(content.disclosure.approach, {
      mark: 'confidential',
      reason: '特許出願前の技術を含むため',
    });
    assert.deepEqual(content.cityRequests, ['venue', 'data']);
    assert.deepEqual(content.burden, [
      { fiscalYear: 2027, amountYen: 1_200_000, upkeep: true, note: '維持管理費' },
    ]);
    assert.deepEqual(content.indicators, [{ name: '参加者数', target: '500', unit: '人' }]);
    assert.deepEqual(content.methodIds, [20]);
    assert.deepEqual(content.fieldIds, [2, 3]);
    assert.deepEqual(content.conceptIds, [11]);
    assert.equal(content.privacyNoticeAccepted, true);
    assert.deepEqual(incompleteParts(content, allowed.eligibilityCodes), []);
  });

  it('keeps every value exactly as typed, to show it again', () => {
    const parsed = parseProposalForm(
      posted({
        title: '  スペース付きのタイトル ',
        'section-problem': '\n先頭に改行\r\n',
        burdenKind: 'estimate',
        'burden-0-amount': '１，０００円',
        'burden-0-fiscalYear': '2026',
        fields: ['2', '99'],
        'disclosure-problem': 'confidential',
        'disclosureReason-problem': '',
      }),
      allowed,
    );
    assert.equal(parsed.values.title, '  スペース付きのタイトル ');
    assert.equal(parsed.values['section-problem'], '\n先頭に改行\r\n');
    assert.equal(parsed.values['burden-0-amount'], '１，０００円');
    assert.deepEqual(parsed.values.fields, ['2', '99']);
    assert.equal(parsed.values['disclosure-problem'], 'confidential');
    assert.equal(parsed.values['disclosureReason-problem'], '');
    assert.equal(parsed.content.burden[0]?.amountYen, 1000);
  });

  it('drops blank indicator rows, renumbers the rest and flags half-filled ones', () => {
    const parsed = parseProposalForm(
      posted({
        'indicator-0-name': ' ',
        'indicator-0-target': '',
        'indicator-0-unit': '',
        'indicator-1-name': '参加者数',
        'indicator-1-target': '500',
        'indicator-1-unit': '人',
        'indicator-2-name': '満足度',
        'indicator-2-target': '',
        'indicator-2-unit': '%',
        'indicator-3-name': '',
        'indicator-3-target': '',
        'indicator-3-unit': '',
      }),
      allowed,
    );
    assert.deepEqual(parsed.content.indicators, [
      { name: '参加者数', target: '500', unit: '人' },
      { name: '満足度', target: '', unit: '%' },
    ]);
    assert.deepEqual(parsed.errors, { 'indicator-1': 'indicatorIncomplete' });
    assert.equal(parsed.values['indicator-0-name'], '参加者数');
    assert.equal(parsed.values['indicator-1-name'], '満足度');
    assert.equal(parsed.values['indicator-2-name'], undefined);
    // The same row that incompleteParts names, so its message lands on the same row.
    const parts = incompleteParts(parsed.content, []).map((part) => part.part);
    assert.ok(parts.includes('indicator-1'));
  });

  it('drops ids and codes that may not be chosen', () => {
    const parsed = parseProposalForm(
      posted({
        fields: ['1', '7', 'x', '1', '2;drop table'],
        concepts: ['10', '12'],
        methods: ['99', '21'],
        eligibility: ['law-order', 'made-up'],
        cityRequests: ['money', 'everything'],
      }),
      allowed,
    );
    assert.deepEqual(parsed.content.fieldIds, [1]);
    assert.deepEqual(parsed.content.conceptIds, [10]);
    assert.deepEqual(parsed.content.methodIds, [21]);
    assert.deepEqual(parsed.content.eligibility, ['law-order']);
    assert.deepEqual(parsed.content.cityRequests, ['money']);
  });

  it('reads amounts in full-width digits and with commas, and refuses what is not an amount', () => {
    assert.equal(parseYen('１，０００'), 1000);
    assert.equal(parseYen('1,200,000'), 1_200_000);
    assert.equal(parseYen(' ¥3,000 '), 3000);
    assert.equal(parseYen('５００円'), 500);
    assert.equal(parseYen('1.5'), undefined);
    assert.equal(parseYen('-100'), undefined);
    assert.equal(parseYen('百万'), undefined);
    const parsed = parseProposalForm(
      posted({
        burdenKind: 'estimate',
        'burden-0-fiscalYear': '2026',
        'burden-0-amount': '１，０００',
        'burden-1-fiscalYear': '2027',
        'burden-1-amount': '12.5',
        'burden-2-fiscalYear': '1999',
        'burden-2-amount': '',
        'burden-2-note': 'メモ',
        'burden-3-fiscalYear': '2028',
        'burden-3-amount': '99999999999999',
      }),
      allowed,
    );
    assert.equal(parsed.content.burden[0]?.amountYen, 1000);
    assert.deepEqual(parsed.errors, {
      'burden-1-amount': 'amountInvalid',
      'burden-2-fiscalYear': 'fiscalYearRequired',
      'burden-2-amount': 'amountRequired',
      'burden-3-amount': 'amountTooLarge',
    });
  });

  it('asks about amounts typed while "no burden" is chosen, keeping them as typed', () => {
    const parsed = parseProposalForm(
      posted({ burdenKind: 'none', 'burden-0-amount': 'abc', 'burden-1-amount': '' }),
      allowed,
    );
    assert.equal(parsed.content.burdenKind, 'none');
    assert.deepEqual(parsed.content.burden, []);
    assert.deepEqual(parsed.errors, { burdenKind: 'burdenKindMismatch' });
    assert.equal(parsed.values['burden-0-amount'], 'abc');
    assert.equal(parsed.values['burden-1-amount'], undefined);
  });

  it('gives a tooLong code with the limit for text over it', () => {
    const parsed = parseProposalForm(
      posted({
        title: 'あ'.repeat(201),
        summary: 'い'.repeat(401),
        'section-approach': 'う'.repeat(4001),
        'section-problem': 'え'.repeat(4000),
        'disclosureReason-problem': 'お'.repeat(201),
        'indicator-0-unit': 'か'.repeat(51),
      }),
      allowed,
    );
    assert.deepEqual(parsed.errors, {
      title: 'tooLong:200',
      summary: 'tooLong:400',
      'section-approach': 'tooLong:4000',
      'disclosureReason-problem': 'tooLong:200',
      'indicator-0-unit': 'tooLong:50',
      'indicator-0': 'indicatorIncomplete',
    });
    // Invisible characters do not count, and a CRLF counts as one line break.
    const exact = parseProposalForm(
      posted({ summary: `${'a'.repeat(398)}\r\n\u200b\u200bb` }),
      allowed,
    );
    assert.deepEqual(exact.errors, {});
  });

  it('tells which button was pressed, saving when none or an unknown one', () => {
    for (const action of ['save', 'submit', 'addIndicator', 'addBurden'] as const) {
      assert.equal(parseProposalForm(posted({ action }), allowed).action, action);
    }
    assert.equal(parseProposalForm(posted({}), allowed).action, 'save');
    assert.equal(parseProposalForm(posted({ action: 'delete' }), allowed).action, 'save');
    assert.equal(parseProposalForm(posted({}), allowed).version, -1);
    assert.equal(parseProposalForm(posted({ version: 'x' }), allowed).version, -1);
  });

  it('reads changes to attachments and the marks of new files', () => {
    const parsed = parseProposalForm(
      posted({
        'attachment-5-disclosure': 'disclosable',
        'attachment-5-reason': ' 公開済みの資料 ',
        'attachment-9-disclosure': 'confidential',
        'attachment-9-remove': 'yes',
        'upload-0-disclosure': 'disclosable',
        'upload-0-reason': '',
        'upload-1-reason': '理由',
      }),
      allowed,
    );
    assert.deepEqual(parsed.attachmentChanges, [
      { id: 5, disclosure: 'disclosable', reason: '公開済みの資料', remove: false },
      { id: 9, disclosure: 'confidential', reason: '', remove: true },
    ]);
    assert.deepEqual(parsed.uploads, [
      { slot: 0, disclosure: 'disclosable', reason: '' },
      { slot: 1, disclosure: 'confidential', reason: '理由' },
    ]);
  });

  it('round-trips stored content through the form values', () => {
    const first = parseProposalForm(
      posted({
        title: 'タイトル',
        burdenKind: 'estimate',
        'burden-0-fiscalYear': '2026',
        'burden-0-amount': '1200000',
        'indicator-0-name': 'a',
        'indicator-0-target': 'b',
        'indicator-0-unit': 'c',
        fields: ['1'],
        'disclosure-summary': 'disclosable',
        privacy: 'yes',
      }),
      allowed,
    );
    const values = proposalFormValues(first.content);
    assert.equal(values['burden-0-amount'], '1,200,000');
    const again = parseProposalForm(posted(values as Record<string, string | string[]>), allowed);
    assert.deepEqual(again.content, first.content);
  });

  it('shows one more row after an add button, within the limits', () => {
    const values: ProposalFormValues = { 'indicator-0-name': 'a', 'indicator-1-name': 'b' };
    assert.deepEqual(proposalFormRows(values), { indicatorRows: 2, burdenRows: 1 });
    assert.deepEqual(proposalFormRows(values, 'addIndicator'), {
      indicatorRows: 3,
      burdenRows: 1,
    });
    const full: ProposalFormValues = { 'indicator-9-name': 'x' };
    assert.equal(proposalFormRows(full, 'addIndicator').indicatorRows, 10);
  });

  it('maps Incomplete parts to ids and messages', () => {
    assert.equal(formFieldId('title'), 'field-title');
    assert.equal(formFieldId('summary'), 'field-summary');
    assert.equal(formFieldId('problem'), 'field-section-problem');
    assert.equal(formFieldId('disclosure-problem'), 'field-disclosure-problem');
    assert.equal(formFieldId('indicator-0'), 'field-indicator-0');
    assert.equal(formFieldId('indicators'), 'field-indicators');
    assert.equal(formFieldId('burden'), 'field-burden');
    assert.equal(formFieldId('fields'), 'field-fields');
    assert.equal(formFieldId('eligibility-law-order'), 'field-eligibility-law-order');
    assert.equal(formFieldId('privacy'), 'field-privacy');
    for (const lang of ['ja', 'en'] as const) {
      const t = messages(lang);
      const problems = [
        'required',
        'disclosure',
        'indicator',
        'burden',
        'eligibility',
        'privacy',
        'field',
      ] as const;
      const texts = problems.map((problem) => incompleteMessage(t, { part: 'x', problem }));
      assert.equal(new Set(texts).size, problems.length, 'a message of its own for each');
      assert.notEqual(
        incompleteMessage(t, { part: 'indicators', problem: 'indicator' }),
        incompleteMessage(t, { part: 'indicator-0', problem: 'indicator' }),
      );
      const errors = proposalFormErrors(t, {
        title: 'tooLong:200',
        'burden-0-amount': 'amountInvalid',
        indicators: 'tooMany:10',
        'indicator-0': 'indicatorIncomplete',
      });
      assert.match(errors.title!, /200/);
      assert.equal(errors['burden-0-amount'], t.proposalForm.errorCodes.amountInvalid);
      assert.match(errors.indicators!, /10/);
    }
    const t = messages('ja');
    assert.deepEqual(
      Object.keys(
        incompleteErrors(t, [
          { part: 'problem', problem: 'required' },
          { part: 'title', problem: 'required' },
        ]),
      ),
      ['section-problem', 'title'],
    );
  });
});

/** The attributes of every tag named `tag` in the html. */
function tags(html: string, tag: string): Record<string, string>[] {
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'g'))].map((match) => {
    const attributes: Record<string, string> = {};
    for (const attribute of match[1]!.matchAll(/([a-zA-Z-]+)(?:="([^"]*)")?/g)) {
      attributes[attribute[1]!] = attribute[2] ?? '';
    }
    return attributes;
  });
}

describe('ProposalFormPage', () => {
  let gate: TestGate;
  let taxonomies: Taxonomies;
  let grounds: { code: string; text_ja: string; text_en: string | null }[];

  before(async () => {
    gate = await startGate('embedded');
    const tenantId = gate.app.gate.tenant().id;
    taxonomies = await loadTaxonomies(gate.database.db, tenantId);
    grounds = await gate.database.db
      .selectFrom('eligibility_ground')
      .select(['code', 'text_ja', 'text_en'])
      .where('tenant_id', '=', tenantId)
      .orderBy('sort')
      .execute();
  });
  after(() => gate.close());

  function context(lang: Lang): PageContext {
    const request = { lang, url: lang === 'ja' ? '/proposals/new' : '/en/proposals/new' };
    return {
      ...gate.app.gate.context(request as FastifyRequest),
      csrf: 'csrf-token-for-test',
      account: { name: '札幌 花子', csrf: 'csrf-token-for-test', staff: false },
    };
  }

  function render(lang: Lang, overrides: Partial<ProposalFormPageProps> = {}): string {
    const ctx = context(lang);
    const props: ProposalFormPageProps = {
      ctx,
      action: '/proposals/7/edit',
      values: {},
      errors: {},
      taxonomies,
      eligibilityGrounds: grounds.map((g) => ({
        code: g.code,
        name: localize({ ja: g.text_ja, en: g.text_en }, lang).text,
      })),
      attachments: [
        {
          id: 31,
          fileName: '事業計画書.pdf',
          sizeBytes: 1_572_864,
          mediaType: 'application/pdf',
          disclosure: 'confidential',
          reason: 'ノウハウを含むため',
        },
      ],
      kind: 'free',
      version: 4,
      indicatorRows: 2,
      burdenRows: 1,
      uploadSlots: 2,
      ...overrides,
    };
    return renderPage(h(ProposalFormPage, props) as VNode);
  }

  function formOf(html: string): string {
    const start = html.indexOf('<form method="post" action="/proposals/7/edit"');
    assert.ok(start >= 0, 'the proposal form');
    return html.slice(start, html.indexOf('</form>', start));
  }

  it('posts a multipart form whose first field is the CSRF token, then the version', () => {
    const html = render('ja');
    const form = formOf(html);
    assert.match(form, /^<form [^>]*enctype="multipart\/form-data"/);
    assert.match(form, /^<form [^>]*novalidate/);
    const inputs = tags(form, 'input');
    assert.equal(inputs[0]?.name, '_csrf');
    assert.equal(inputs[0]?.value, 'csrf-token-for-test');
    assert.equal(inputs[1]?.name, 'version');
    assert.equal(inputs[1]?.value, '4');
    // Enter in a text box presses the first submit button: it must save, not add a row.
    const buttons = tags(form, 'button');
    assert.equal(buttons[0]?.value, 'save');
    assert.deepEqual(
      buttons.map((b) => b.value),
      ['save', 'addIndicator', 'addBurden', 'save', 'submit'],
    );
  });

  for (const lang of ['ja', 'en'] as const) {
    it(`labels every control, with unique ids (${lang})`, () => {
      const html = render(lang, {
        errors: { title: 'x', 'indicator-0': 'y', 'eligibility-law-order': 'z' },
      });
      const ids = tags(html, '[a-z]+')
        .map((a) => a.id)
        .filter((id): id is string => id !== undefined);
      assert.equal(new Set(ids).size, ids.length, `duplicate ids: ${ids.join(' ')}`);
      const labelled = new Set(tags(html, 'label').map((a) => a.for));
      const controls = [
        ...tags(formOf(html), 'input').filter((a) => a.type !== 'hidden'),
        ...tags(html, 'textarea'),
        ...tags(html, 'select'),
      ];
      assert.ok(controls.length > 60, `${controls.length} controls`);
      for (const control of controls) {
        assert.ok(control.id, `${control.name} has an id`);
        assert.ok(labelled.has(control.id!), `${control.name} (#${control.id}) has a label`);
      }
      for (const radio of tags(html, 'input').filter((a) => a.type === 'radio')) {
        assert.ok(radio.name, 'a radio has a name');
      }
      assert.equal(
        (html.match(/<fieldset\b/g) ?? []).length,
        (html.match(/<legend\b/g) ?? []).length,
      );
      const files = tags(html, 'input').filter((a) => a.type === 'file');
      assert.equal(files.length, 2);
      assert.match(files[0]!.accept!, /\.pdf/);
      assert.equal(files[0]!.name, 'upload-0-file');
      assert.match(html, new RegExp(privacyNoticeVersion));
    });
  }

  it('shows again what was typed', () => {
    const fieldId = String(taxonomies.fields[1]!.id);
    const html = render('ja', {
      values: {
        title: '雪まつり会場の&quot;見守り"',
        'section-problem': '一行目\n二行目 <b>太字</b>',
        'disclosure-problem': 'confidential',
        'disclosureReason-problem': '特許出願前のため',
        cityRequests: ['venue', 'data'],
        burdenKind: 'estimate',
        'burden-0-fiscalYear': '2027',
        'burden-0-amount': '１，０００',
        'burden-0-upkeep': 'yes',
        'indicator-0-name': '参加者数',
        'indicator-2-unit': '人',
        fields: [fieldId],
        eligibility: ['law-order'],
        privacy: 'yes',
        'attachment-31-remove': 'yes',
        'upload-1-disclosure': 'disclosable',
      },
      fiscalYears: [2026, 2027],
    });
    const inputs = tags(html, 'input');
    const byId = (id: string) => inputs.find((a) => a.id === id);
    assert.equal(byId('field-title')?.value, '雪まつり会場の&amp;quot;見守り&quot;');
    assert.match(
      html,
      /<textarea [^>]*name="section-problem"[^>]*>\n一行目\n二行目 &lt;b>太字&lt;\/b><\/textarea>/,
    );
    assert.ok('checked' in byId('field-disclosure-problem-confidential')!);
    assert.ok(!('checked' in byId('field-disclosure-problem-disclosable')!));
    assert.equal(byId('field-disclosureReason-problem')?.value, '特許出願前のため');
    assert.ok('checked' in byId('field-cityRequests-venue')!);
    assert.ok(!('checked' in byId('field-cityRequests-money')!));
    assert.ok('checked' in byId('field-burdenKind-estimate')!);
    assert.match(html, /<option value="2027" selected>令和9年度<\/option>/);
    assert.equal(byId('field-burden-0-amount')?.value, '１，０００');
    assert.ok('checked' in byId('field-burden-0-upkeep')!);
    assert.equal(byId('field-indicator-0-name')?.value, '参加者数');
    // Rows typed beyond the rows asked for are shown too.
    assert.equal(byId('field-indicator-2-unit')?.value, '人');
    assert.ok('checked' in byId(`field-fields-${fieldId}`)!);
    assert.ok('checked' in byId('field-eligibility-law-order')!);
    assert.ok(!('checked' in byId('field-eligibility-neutrality')!));
    assert.ok('checked' in byId('field-privacy')!);
    // The stored mark of a file until it is changed; new files are confidential unless chosen.
    assert.ok('checked' in byId('field-attachment-31-disclosure-confidential')!);
    assert.equal(byId('field-attachment-31-reason')?.value, 'ノウハウを含むため');
    assert.ok('checked' in byId('field-attachment-31-remove')!);
    assert.ok('checked' in byId('field-upload-0-disclosure-confidential')!);
    assert.ok('checked' in byId('field-upload-1-disclosure-disclosable')!);
    assert.match(html, /1\.5 MB/);
  });

  it('links each problem in the error summary to a control that exists', () => {
    const t = messages('ja');
    const parsed = parseProposalForm(
      posted({
        title: 'あ'.repeat(201),
        burdenKind: 'estimate',
        'burden-0-fiscalYear': '2026',
        'burden-0-amount': '十円',
        'indicator-0-name': '参加者数',
      }),
      allowed,
    );
    const parts = incompleteParts(parsed.content, ['law-order', 'neutrality']);
    const errors = {
      ...proposalFormErrors(t, parsed.errors),
      ...incompleteErrors(t, parts),
      // As a route may key them: by Incomplete part or by the id formFieldId gives.
      approach: t.proposalForm.errors.required,
      [formFieldId('disclosure-summary')]: t.proposalForm.errors.disclosure,
      'attachment-31-disclosure': t.proposalForm.errorCodes.choose,
      'upload-0-file': t.proposalForm.uploadErrors.type('a.exe'),
    };
    const html = render('ja', { values: parsed.values, errors });
    assert.match(html, /<title>エラー: /);
    const start = html.indexOf('class="error-summary"');
    const summary = html.slice(start, html.indexOf('</ul>', start));
    const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    assert.ok(targets.length >= 15, targets.join(' '));
    for (const target of targets) {
      assert.match(html, new RegExp(`id="${target}"`), `#${target} exists`);
    }
    assert.ok(targets.includes('field-section-problem'));
    assert.ok(targets.includes('field-indicator-0'));
    assert.ok(targets.includes('field-eligibility-law-order'));
    assert.ok(targets.includes('field-burden-0-amount'));
    assert.ok(targets.includes('field-disclosure-summary'));
    // In the order of the form: the title first, personal data last.
    assert.equal(targets[0], 'field-title');
    assert.equal(targets.at(-1), 'field-privacy');
    assert.match(summary, /タイトル：200文字以内で入力してください。/);
    assert.match(summary, /見込額1の金額：円単位の数字で入力してください/);
    // Each message is beside its field as well, tied to it.
    assert.match(html, /<p class="field-error" id="error-section-problem">入力してください。<\/p>/);
    assert.match(html, /aria-describedby="hint-section-problem error-section-problem"/);
  });

  it('escapes what was typed', () => {
    const html = render('ja', {
      values: {
        title: '<svg onload=alert(1)>',
        'section-problem': '</textarea><svg onload=alert(1)>',
      },
      errors: { title: '<svg onload=alert(1)>' },
      challenge: { title: '<svg onload=alert(1)>', closesOn: '2027-01-31' },
      kind: 'theme',
      attachments: [
        {
          id: 1,
          fileName: '<svg onload=alert(1)>.pdf',
          sizeBytes: 10,
          mediaType: 'application/pdf',
          disclosure: 'disclosable',
          reason: null,
        },
      ],
    });
    assert.doesNotMatch(html, /<svg/);
    assert.match(html, /&lt;svg onload=alert\(1\)>/);
  });

  it('names the challenge of a theme proposal and says when a draft was saved by someone else', () => {
    const html = render('ja', {
      kind: 'theme',
      challenge: { title: '除雪の担い手不足', closesOn: '2027-01-31' },
      conflict: true,
      values: { title: '私の提案' },
    });
    assert.match(html, /<h1>テーマ型提案の作成<\/h1>/);
    assert.match(html, /「除雪の担い手不足」/);
    assert.match(html, /2027年1月31日/);
    assert.match(html, /ほかのメンバーが、この下書きを先に保存しました/);
    assert.match(html, /<title>エラー: /);
    const en = render('en', { kind: 'free', notice: 'Draft saved.' });
    assert.match(en, /<h1>Write a free proposal<\/h1>/);
    assert.match(en, /Draft saved\./);
    assert.match(en, /FY2026/);
  });
});
