import type { OrderItemResolvers } from '../generated/resolvers-types';

/** Users and catalog resolve these references; no SQL here. */
export const OrderItem: OrderItemResolvers = {
  product: (item) => ({ __typename: 'Product', id: item.productId }),
  vendor: (item) => ({ __typename: 'User', id: item.vendorId }),
};
