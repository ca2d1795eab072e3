import type { EventCatalogue } from '../../../lib/events/catalogue';
import { greetingFor, layout, type RenderedEmail } from './layout';

export function lowStockEmail(
  displayName: string,
  data: EventCatalogue['stock.low'],
  publicUrl: string,
): RenderedEmail {
  return layout({
    subject: `Low stock: ${data.productName}`,
    greeting: greetingFor(displayName),
    paragraphs: [
      `${data.productName} is running low: ${data.available} available across your active warehouses (your alert threshold is ${data.threshold}).`,
      'Receive more stock or move some from another warehouse to keep it on sale.',
    ],
    action: { label: 'Open your dashboard', url: `${publicUrl}/graphql` },
    footer: 'You get this email once each time the product drops to its threshold.',
  });
}
