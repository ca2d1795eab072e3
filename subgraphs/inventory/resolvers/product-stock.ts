import type { InventoryContext } from '../context';
import type { ProductStockView, StockLevelView } from '../services/stock-queries';

export const ProductStock = {
  /** Where the stock is, for the product's vendor; an empty list for everyone else. */
  levels: (
    stock: ProductStockView,
    _args: unknown,
    ctx: InventoryContext,
  ): Promise<StockLevelView[]> | StockLevelView[] =>
    stock.vendorId !== null && stock.vendorId === ctx.caller.userId
      ? ctx.loaders.levelsByProduct.load(stock.productId)
      : [],
};
