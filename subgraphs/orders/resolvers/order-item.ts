import type { OrderItemView } from '../services/order-rows';

/** Users and catalog resolve these references; no SQL here. */
export const OrderItem = {
  product: (item: OrderItemView) => ({ __typename: 'Product', id: item.productId }),
  vendor: (item: OrderItemView) => ({ __typename: 'User', id: item.vendorId }),
};
