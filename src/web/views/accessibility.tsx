import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';

export function AccessibilityPage(props: { ctx: PageContext }) {
  const { t } = props.ctx;
  return (
    <Layout ctx={props.ctx} title={t.accessibility} lead={t.a11yLead}>
      <h2>{t.a11yTargetHeading}</h2>
      <p>{t.a11yTarget}</p>
      <h2>{t.a11yMethodHeading}</h2>
      <ul>
        {t.a11yMethod.map((item) => (
          <li>{item}</li>
        ))}
      </ul>
      <h2>{t.a11yResultsHeading}</h2>
      <p>{t.a11yResults}</p>
      <h2>{t.a11yContactHeading}</h2>
      <p>{t.a11yContact}</p>
    </Layout>
  );
}
