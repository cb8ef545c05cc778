import { href, type PageContext } from './context.ts';
import { Layout } from './layout.tsx';

export type ErrorKind = 'notFound' | 'badRequest' | 'serverError' | 'formExpired';

/** The page for a failed request; server errors show the request id and nothing else. */
export function ErrorPage(props: { ctx: PageContext; kind: ErrorKind; requestId: string }) {
  const { ctx, kind } = props;
  const { t, lang } = ctx;
  const text = {
    notFound: [t.notFoundTitle, t.notFoundBody],
    badRequest: [t.badRequestTitle, t.badRequestBody],
    serverError: [t.serverErrorTitle, t.serverErrorBody],
    formExpired: [t.account.formExpiredTitle, t.account.formExpiredBody],
  }[kind];
  return (
    <Layout ctx={ctx} title={text[0]!} error>
      <p>{text[1]}</p>
      {kind === 'serverError' && (
        <p>
          {t.requestId}: <code class="request-id">{props.requestId}</code>
        </p>
      )}
      <p>
        <a href={href(lang, '/')}>{t.backHome}</a>
      </p>
    </Layout>
  );
}
