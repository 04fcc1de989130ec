import { useTranslation } from 'react-i18next';
import type { Programme } from './api';

const BAR_HEIGHT = 22;
const GAP = 10;
const LABEL_WIDTH = 0;
const WIDTH = 320;

// Coverage per programme (trained since the last rotation ÷ assigned headcount) as bars, with the
// same figures as a table beside it: the chart is decoration for sighted readers, the table the
// accessible form.
export function CoverageChart({
  programmes,
  numberLocale,
}: {
  programmes: Programme[];
  numberLocale: string;
}) {
  const { t } = useTranslation('engagement');
  const percent = new Intl.NumberFormat(numberLocale, { style: 'percent', maximumFractionDigits: 0 });
  const height = Math.max(1, programmes.length) * (BAR_HEIGHT + GAP);
  return (
    <div className="coverage">
      <svg
        className="coverage-chart"
        role="img"
        aria-labelledby="coverage-chart-title"
        viewBox={`0 0 ${WIDTH} ${height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        <title id="coverage-chart-title">{t('coverage.chartTitle')}</title>
        {programmes.map((p, i) => {
          const ratio = p.coverage.ratio ?? 0;
          const y = i * (BAR_HEIGHT + GAP);
          const w = Math.min(1, ratio) * (WIDTH - LABEL_WIDTH - 60);
          return (
            <g key={p.id}>
              <rect
                x={LABEL_WIDTH}
                y={y}
                width={WIDTH - LABEL_WIDTH - 60}
                height={BAR_HEIGHT}
                className="coverage-track"
              />
              <rect x={LABEL_WIDTH} y={y} width={w} height={BAR_HEIGHT} className="coverage-bar" />
              <text x={WIDTH - 55} y={y + BAR_HEIGHT * 0.7} className="coverage-value">
                {p.coverage.ratio === null ? t('coverage.noHeadcount') : percent.format(p.coverage.ratio)}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="table">
        <caption>{t('coverage.tableCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('coverage.programme')}</th>
            <th scope="col">{t('coverage.trained')}</th>
            <th scope="col">{t('coverage.headcount')}</th>
            <th scope="col">{t('coverage.ratio')}</th>
            <th scope="col">{t('coverage.missing')}</th>
          </tr>
        </thead>
        <tbody>
          {programmes.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.title}</th>
              <td>{p.coverage.trainedSinceRotation}</td>
              <td>{p.coverage.headcount ?? t('coverage.noHeadcount')}</td>
              <td>
                {p.coverage.ratio === null ? t('coverage.noHeadcount') : percent.format(p.coverage.ratio)}
              </td>
              <td>{t('coverage.missingCount', { count: p.coverage.topicsMissing.length })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
