import { allow, or, rule } from 'graphql-shield';
import type { IRules } from 'graphql-shield';
import { ForbiddenError } from '../../lib/errors';
import { isAdmin, isVendor, isVerifiedVendor } from '../../lib/graphql/rules';
import type { InventoryContext } from './context';
import type { Warehouse } from './entities/warehouse.entity';

/** The warehouse belongs to the caller. */
const isWarehouseOwner = rule({ cache: 'strict' })(
  (warehouse: Warehouse, _args, ctx: InventoryContext) =>
    warehouse.vendorId === ctx.caller.userId || new ForbiddenError(),
);

/**
 * Who may read and call what in the inventory subgraph; anything unlisted is denied. Ownership of
 * products and warehouses in mutations is checked by the services, which know the owner.
 */
export const inventoryPermissions: IRules = {
  Query: { myWarehouses: isVendor, stockMovements: isVendor },
  Mutation: {
    // Without a warehouse a vendor has no stock to sell.
    createWarehouse: isVerifiedVendor('open warehouses'),
    updateWarehouse: isVendor,
    receiveStock: isVendor,
    adjustStock: isVendor,
    transferStock: isVendor,
    setLowStockThreshold: isVendor,
  },
  // Stock totals are public; `levels` answers [] to anyone but the owner (its resolver decides,
  // so a storefront asking for them gets an empty list rather than an error).
  Product: allow,
  ProductStock: allow,
  // Reachable only through the owner's levels, movements and mutations.
  StockLevel: allow,
  StockMovement: allow,
  Warehouse: or(isWarehouseOwner, isAdmin),
  User: { id: allow },
};
