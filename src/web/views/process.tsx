import {
  nextStates,
  proposalStates,
  stageOf,
  stages,
  type ProposalState,
} from '../../domain/proposal-state.ts';
import type { PageContext } from './context.ts';
import { Layout } from './layout.tsx';

/**
 * The four stages as an ordered list (the diagram, readable without CSS) and every proposal
 * state in a table with its meaning and the states it leads to.
 */
export function ProcessPage(props: { ctx: PageContext }) {
  const { ctx } = props;
  const { t } = ctx;
  const name = (state: ProposalState) => t.stateNames[state];
  const separator = ctx.lang === 'ja' ? '、' : ', ';
  return (
    <Layout ctx={ctx} title={t.process} lead={t.processLead}>
      <ol class="stages">
        {stages.map((stage, i) => (
          <li class="stage">
            <h2 class="stage-title">
              <span class="stage-number">{i + 1}</span> {t.stageNames[stage]}
            </h2>
            <p>{t.stageDescriptions[stage]}</p>
            <ul class="tags">
              {proposalStates
                .filter((s) => stageOf[s] === stage && s !== 'withdrawn')
                .map((s) => (
                  <li class="tag">{name(s)}</li>
                ))}
            </ul>
          </li>
        ))}
      </ol>

      <h2 id="states-heading">{t.statesHeading}</h2>
      {/* Focusable so keyboard users can scroll the table sideways on narrow screens. */}
      <div class="table-scroll" tabIndex={0} role="region" aria-labelledby="states-heading">
        <table aria-labelledby="states-heading">
          <thead>
            <tr>
              <th scope="col">{t.stateColumn}</th>
              <th scope="col">{t.stageColumn}</th>
              <th scope="col">{t.meaningColumn}</th>
              <th scope="col">{t.nextColumn}</th>
            </tr>
          </thead>
          <tbody>
            {proposalStates.map((state) => {
              const next = nextStates(state);
              return (
                <tr>
                  <th scope="row">{name(state)}</th>
                  <td>{t.stageNames[stageOf[state]]}</td>
                  <td>{t.stateMeanings[state]}</td>
                  <td>{next.length > 0 ? next.map(name).join(separator) : t.noNext}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>

      <h2>{t.fairnessHeading}</h2>
      <ul>
        {t.fairnessPoints.map((point) => (
          <li>{point}</li>
        ))}
      </ul>
    </Layout>
  );
}
