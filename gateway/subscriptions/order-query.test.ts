import { parse, print } from 'graphql';
import { planOrderSubscription } from './order-query';

const ORDER = '6f1c1b0e-8a4f-4a8e-9d57-2b1f0c3a9e11';
const OTHER = '0b7e3c55-1d2a-4f0e-8c61-9a4d2e7f5b30';

describe('planOrderSubscription', () => {
  it('watches the order the variable names, with the same selection as an order query', () => {
    const document = parse(
      'subscription Follow($id: ID!) { orderStatusChanged(orderId: $id) { id current: status } }',
    );
    const plan = planOrderSubscription(document, { id: ORDER });
    expect(plan.orderId).toBe(ORDER);
    expect(plan.statusKeys).toEqual(['current']);
    expect(print(plan.query)).toContain('orderStatusChanged: order(id: $id)');
    expect(print(plan.query)).toMatch(/^query Follow/);
  });

  it('watches a string literal order id', () => {
    const document = parse(`subscription { orderStatusChanged(orderId: "${ORDER}") { status } }`);
    expect(planOrderSubscription(document, {}).orderId).toBe(ORDER);
  });

  it('refuses an order id that is neither a variable nor a string, whatever the variables say', () => {
    // An Int literal is a valid ID: the query would ask for order 5 while "" named another order.
    const document = parse('subscription { orderStatusChanged(orderId: 5) { status } }');
    expect(() => planOrderSubscription(document, { '': OTHER })).toThrow('orderId is required');
  });

  it('refuses a missing variable and any other root field', () => {
    const follow = parse('subscription ($id: ID!) { orderStatusChanged(orderId: $id) { status } }');
    expect(() => planOrderSubscription(follow, {})).toThrow('orderId is required');
    const other = parse('subscription { somethingElse }');
    expect(() => planOrderSubscription(other, {})).toThrow(
      'Subscribe to exactly one field: orderStatusChanged',
    );
  });
});
