import { OrderCommandService } from './order-commands.service';
import { OrderPlacementService } from './order-placement.service';
import { OrderQueryService } from './order-queries.service';
import { OrderRefundService } from './order-refunds.service';
import type { OrdersDeps } from './orders-deps';
import { SalesService } from './sales.service';

/** The orders subgraph's services, built once at start-up. */
export interface OrdersServices {
  placement: OrderPlacementService;
  commands: OrderCommandService;
  queries: OrderQueryService;
  refunds: OrderRefundService;
  sales: SalesService;
}

export function createOrdersServices(deps: OrdersDeps): OrdersServices {
  return {
    placement: new OrderPlacementService(deps),
    commands: new OrderCommandService(deps),
    queries: new OrderQueryService(deps),
    refunds: new OrderRefundService(deps),
    sales: new SalesService(deps),
  };
}
