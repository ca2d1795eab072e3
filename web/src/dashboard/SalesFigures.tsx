import { formatMoney } from '../components/Money';
import type { Sales } from '../operations/types';
import { STATUS_LABELS } from '../pages/order-status';

/** Units and revenue, with a small bar chart of units by the orders' status now. */
export function SalesFigures({ sales, title = 'Sales' }: { sales: Sales; title?: string }) {
  const max = Math.max(1, ...sales.byStatus.map((row) => Number(row.units)));
  const barHeight = 22;
  return (
    <section aria-labelledby="sales-title" className="sales">
      <h2 id="sales-title">{title}</h2>
      <p>
        <strong data-testid="units-sold">{sales.units}</strong> units sold ·{' '}
        {sales.revenue.length > 0 ? sales.revenue.map(formatMoney).join(', ') : 'no revenue yet'}
      </p>
      {sales.byStatus.length > 0 && (
        <figure>
          <svg
            role="img"
            aria-labelledby="sales-chart-caption"
            width="100%"
            height={sales.byStatus.length * (barHeight + 6)}
            viewBox={`0 0 320 ${sales.byStatus.length * (barHeight + 6)}`}
          >
            {sales.byStatus.map((row, index) => (
              <g key={row.status} transform={`translate(0 ${index * (barHeight + 6)})`}>
                <text x="0" y={barHeight - 6} fontSize="13">
                  {STATUS_LABELS[row.status]}
                </text>
                <rect
                  className="bar"
                  x="90"
                  width={(Number(row.units) / max) * 180}
                  height={barHeight}
                />
                <text x={96 + (Number(row.units) / max) * 180} y={barHeight - 6} fontSize="13">
                  {row.units}
                </text>
              </g>
            ))}
          </svg>
          <figcaption id="sales-chart-caption">
            Units by order status:{' '}
            {sales.byStatus.map((row) => `${STATUS_LABELS[row.status]} ${row.units}`).join(', ')}
          </figcaption>
        </figure>
      )}
    </section>
  );
}
