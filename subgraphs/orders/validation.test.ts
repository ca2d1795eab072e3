import { ORDER_STATUSES } from '../../lib/events/catalogue';
import { OrderStatus } from './generated/resolvers-types';
import { orderStatus } from './validation';

describe('order statuses', () => {
  it('are the same in the SDL and in the event contract', () => {
    expect([...ORDER_STATUSES].sort()).toEqual(Object.values(OrderStatus).sort());
  });

  it('accept every SDL status and refuse anything else', () => {
    for (const status of Object.values(OrderStatus)) {
      expect(orderStatus.safeParse(status).success).toBe(true);
    }
    expect(orderStatus.safeParse('SHIPPED').success).toBe(false);
  });
});
