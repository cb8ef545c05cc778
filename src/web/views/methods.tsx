import { bilingual } from '../../domain/language.ts';
import type { PartnershipMethod } from '../../db/schema.ts';
import { Prose, Text } from './components.tsx';
import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';

export function MethodsPage(props: { ctx: PageContext; methods: PartnershipMethod[] }) {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t.methods} lead={t.methodsLead}>
      <ul class="cards">
        {props.methods.map((method) => (
          <li class="card" id={`method-${method.code}`}>
            <h2 class="card-title">
              <Text ctx={ctx} value={bilingual(method, 'name')} />
            </h2>
            <Prose ctx={ctx} value={bilingual(method, 'summary')} />
            {method.when_to_use_ja && (
              <>
                <h3 class="small-heading">{t.whenToUse}</h3>
                <Prose ctx={ctx} value={bilingual(method, 'when_to_use')} />
              </>
            )}
            {method.own_procedure && <p class="notice">{t.ownProcedure}</p>}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
