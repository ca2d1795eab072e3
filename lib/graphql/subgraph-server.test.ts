import type { IMiddleware } from 'graphql-middleware';
import { allow, deny, rule } from 'graphql-shield';
import { withoutAllowedFields } from './subgraph-server';

const guarded = rule()(() => true);
const wrapper = () => undefined;
/** The shield's map as it generates it: a wrapper on every field of every object type. */
const everyField = {
  Query: { products: wrapper, secret: wrapper },
  Product: { id: wrapper, name: wrapper },
  Payment: { id: wrapper, amount: wrapper },
  Unlisted: { field: wrapper },
} as unknown as IMiddleware;

describe('withoutAllowedFields', () => {
  const lean = withoutAllowedFields(everyField, {
    Query: { products: allow, secret: guarded },
    Product: allow,
    Payment: { '*': allow, amount: guarded },
  }) as Record<string, Record<string, unknown>>;

  it('drops the wrapper of a field allowed by name, by type or by wildcard', () => {
    expect(lean.Query.products).toBeUndefined();
    expect(lean.Product).toEqual({});
    expect(lean.Payment.id).toBeUndefined();
  });

  it('keeps the wrapper of a field with any other rule, and of unlisted ones (deny)', () => {
    expect(lean.Query.secret).toBe(wrapper);
    expect(lean.Payment.amount).toBe(wrapper);
    expect(lean.Unlisted.field).toBe(wrapper);
  });

  it('keeps a field whose rule is deny', () => {
    const denied = withoutAllowedFields(everyField, { Product: { id: deny, name: allow } });
    expect((denied as Record<string, Record<string, unknown>>).Product).toEqual({ id: wrapper });
  });
});
