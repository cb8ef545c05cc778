import { localize } from '../../../domain/language.ts';
import type { Taxonomies } from '../../../db/queries/taxonomy.ts';
import type { FormState } from '../../forms.ts';
import { CheckboxGroup } from '../admin/parts.tsx';
import type { PageContext } from '../context.ts';
import { CheckboxField, Form, TextAreaField, TextField } from '../forms.tsx';

/** Field name → label, for the error summary of the case form. */
export function caseFormLabels(ctx: PageContext): Record<string, string> {
  return { ...ctx.t.caseWork.fields, comment: ctx.t.caseWork.comment };
}

/** The texts, year, fields and methods of a case, in Japanese with optional English. */
export function CaseForm(props: {
  ctx: PageContext;
  action: string;
  state: FormState;
  taxonomies: Pick<Taxonomies, 'fields' | 'methods'>;
  submitLabel: string;
}) {
  const { ctx, state } = props;
  const c = ctx.t.caseWork;
  const f = c.fields;
  const options = (rows: { id: number; name_ja: string; name_en: string | null }[]) =>
    rows.map((row) => ({
      value: String(row.id),
      label: localize({ ja: row.name_ja, en: row.name_en }, ctx.lang).text,
    }));
  const one = (name: string, long: boolean, max: number, required: boolean, hint?: string) => {
    const props = { ctx, state, name, label: f[name as keyof typeof f], maxLength: max, hint };
    return long ? (
      <TextAreaField {...props} required={required} rows={8} />
    ) : (
      <TextField {...props} required={required} />
    );
  };
  const hintOf = (name: string) =>
    name === 'period' ? c.hints.period : name === 'results' ? c.hints.results : undefined;
  const pair = (name: string, long: boolean, max: number, required = false) => (
    <>
      {one(`${name}Ja`, long, max, required, hintOf(name))}
      {one(`${name}En`, long, max, false, c.hints.english)}
    </>
  );
  return (
    <Form ctx={ctx} action={props.action} csrf={ctx.csrf!}>
      <input type="hidden" name="version" value={state.values.version ?? ''} />
      {pair('title', false, 200, true)}
      {pair('summary', true, 10_000, true)}
      {pair('activities', true, 10_000)}
      {pair('results', true, 10_000)}
      {pair('period', false, 200)}
      <TextField
        ctx={ctx}
        state={state}
        name="partnersJa"
        label={f.partnersJa}
        required
        maxLength={200}
        hint={c.hints.partners}
      />
      <TextField
        ctx={ctx}
        state={state}
        name="partnersEn"
        label={f.partnersEn}
        maxLength={200}
        hint={c.hints.english}
      />
      <TextField
        ctx={ctx}
        state={state}
        name="year"
        label={f.year}
        inputMode="numeric"
        size="short"
        maxLength={4}
        hint={c.hints.year}
      />
      <CheckboxGroup
        ctx={ctx}
        state={state}
        name="fields"
        legend={f.fields}
        options={options(props.taxonomies.fields)}
      />
      <CheckboxGroup
        ctx={ctx}
        state={state}
        name="methods"
        legend={f.methods}
        options={options(props.taxonomies.methods)}
      />
      <CheckboxField
        ctx={ctx}
        state={state}
        name="translationPending"
        label={f.translationPending}
      />
      <div class="button-row">
        <button type="submit" class="button">
          {props.submitLabel}
        </button>
      </div>
    </Form>
  );
}
