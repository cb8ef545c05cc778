import type { ComponentChildren } from 'preact';
import { localize } from '../../domain/language.ts';
import { href, type PageContext } from './context.ts';

const nav = [
  ['/challenges', 'challenges'],
  ['/cases', 'cases'],
  ['/events', 'events'],
  ['/methods', 'methods'],
  ['/process', 'process'],
  ['/about', 'about'],
] as const;

/**
 * Sign-in links on public pages (which are cached and the same for everyone); the person's
 * name, their pages and sign-out on pages rendered for them.
 */
function AccountLinks(props: { ctx: PageContext }) {
  const { ctx } = props;
  const { t, lang } = ctx;
  if (!ctx.account) {
    return (
      <ul class="account-links">
        <li>
          <a href={href(lang, '/signin')}>{t.account.signIn}</a>
        </li>
        <li>
          <a href={href(lang, '/signup')}>{t.account.signUp}</a>
        </li>
      </ul>
    );
  }
  return (
    <ul class="account-links">
      <li>
        <a href={href(lang, ctx.account.staff ? '/staff' : '/account')}>
          {ctx.account.staff ? t.account.staffArea : t.account.myPage}
        </a>
      </li>
      <li>
        <form method="post" action={href(lang, '/signout')} class="inline-form">
          <input type="hidden" name="_csrf" value={ctx.account.csrf} />
          <button type="submit" class="link-button">
            {t.account.signOut}
          </button>
        </form>
      </li>
    </ul>
  );
}

/** The frame of every portal page: skip link, header, navigation, main, footer. */
export function Layout(props: {
  ctx: PageContext;
  title: string;
  /** Shown as the page's only h1; defaults to the title. */
  heading?: ComponentChildren;
  lead?: ComponentChildren;
  error?: boolean;
  children?: ComponentChildren;
}) {
  const { ctx } = props;
  const { t, tenant, lang } = ctx;
  const gateName = localize({ ja: tenant.gate_name_ja, en: tenant.gate_name_en }, lang).text;
  const other = lang === 'ja' ? 'en' : 'ja';
  const otherHref = href(other, ctx.path) + (ctx.query ? `?${ctx.query}` : '');
  const current = nav.find(([path]) => ctx.path === path || ctx.path.startsWith(`${path}/`));
  const title = `${props.error ? `${t.errorTitle}: ` : ''}${props.title} | ${gateName}`;
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <link rel="stylesheet" href={ctx.stylesheet} />
        {ctx.scripts?.map((src) => (
          <script src={src} defer />
        ))}
        <link rel="alternate" hreflang={other} href={otherHref} />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${t.challenges} (Atom)`}
          href={href(lang, '/challenges/feed.atom')}
        />
        <link
          rel="alternate"
          type="application/atom+xml"
          title={`${t.cases} (Atom)`}
          href={href(lang, '/cases/feed.atom')}
        />
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t.skipToContent}
        </a>
        <header class="site-header">
          <div class="container header-bar">
            <a class="site-name" href={href(lang, '/')}>
              {gateName}
            </a>
            <div class="header-tools">
              <AccountLinks ctx={ctx} />
              <a class="lang-switch" href={otherHref} lang={other} hreflang={other}>
                {t.otherLangName}
              </a>
            </div>
          </div>
          <nav class="site-nav" aria-label={t.siteNav}>
            <ul class="container">
              {nav.map(([path, key]) => (
                <li>
                  <a
                    href={href(lang, path)}
                    aria-current={current?.[0] === path ? 'page' : undefined}
                  >
                    {t[key]}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </header>
        <main id="main" class="container" tabIndex={-1}>
          <h1>{props.heading ?? props.title}</h1>
          {props.lead && <p class="lead">{props.lead}</p>}
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="container">
            <nav aria-label={t.footerNav}>
              <ul>
                <li>
                  <a href={href(lang, '/about')}>{t.about}</a>
                </li>
                <li>
                  <a href={href(lang, '/accessibility')}>{t.accessibility}</a>
                </li>
                <li>
                  <a href={href(lang, '/open-data')}>{t.openData}</a>
                </li>
              </ul>
            </nav>
            <p>
              {localize({ ja: tenant.office_ja, en: tenant.office_en }, lang).text}
              {' · '}
              {localize({ ja: tenant.name_ja, en: tenant.name_en }, lang).text}
            </p>
          </div>
        </footer>
      </body>
    </html>
  );
}
