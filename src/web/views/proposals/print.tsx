import { localize } from '../../../domain/language.ts';
import { formatMoment } from '../account/account-pages.tsx';
import { href, type PageContext } from '../context.ts';
import { ProposalDocument } from './detail.tsx';
import { titleOf, type ProposalBundle } from './parts.tsx';

/**
 * A proposal on its own, for paper: no site header, navigation or forms; the site's
 * stylesheet with its print rules. The links back stay on screen only.
 */
export function ProposalPrintPage(props: { ctx: PageContext; bundle: ProposalBundle }) {
  const { ctx, bundle } = props;
  const p = ctx.t.proposal;
  const { tenant, lang } = ctx;
  const gateName = localize({ ja: tenant.gate_name_ja, en: tenant.gate_name_en }, lang).text;
  const title = titleOf(ctx, bundle.content.title);
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${p.printTitle(title)} | ${gateName}`}</title>
        <link rel="stylesheet" href={ctx.stylesheet} />
      </head>
      <body class="print-page">
        <main id="main" class="container">
          <div class="print-tools">
            <p>{p.printHint}</p>
            <p>
              <a href={href(lang, `/my/proposals/${bundle.proposal.id}`)}>{p.backToProposal}</a>
            </p>
          </div>
          <p class="print-gate">{gateName}</p>
          <h1>{title}</h1>
          <p class="print-moment">{p.printedAt(formatMoment(ctx, ctx.clock.now()))}</p>
          <ProposalDocument
            ctx={ctx}
            bundle={bundle}
            reader={{ showConfidential: true, downloads: false }}
          />
        </main>
      </body>
    </html>
  );
}
