import { useState, type FormEvent } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { SelectField } from '../components/SelectField';
import { fieldError } from '../errors';
import type { ProductStock, StockMovement, Warehouse } from '../operations/types';
import {
  ADJUST_STOCK,
  RECEIVE_STOCK,
  SET_LOW_STOCK_THRESHOLD,
  TRANSFER_STOCK,
} from '../operations/vendor';
import { useAction } from './use-action';

/** Stock of one product per warehouse, the forms that change it, and the ledger. */
export function StockPanel({
  productId,
  stock,
  movements,
  warehouses,
}: {
  productId: string;
  stock: ProductStock;
  movements: StockMovement[];
  warehouses: Warehouse[];
}) {
  const active = warehouses.filter((warehouse) => warehouse.active);
  const options = active.map((warehouse) => ({
    value: warehouse.id,
    label: `${warehouse.name} (${warehouse.code})`,
  }));
  const first = active[0]?.id ?? '';
  const receive = useAction(RECEIVE_STOCK);
  const adjust = useAction(ADJUST_STOCK);
  const transfer = useAction(TRANSFER_STOCK);
  const threshold = useAction(SET_LOW_STOCK_THRESHOLD);
  const [receiving, setReceiving] = useState({ warehouseId: '', quantity: '' });
  const [adjusting, setAdjusting] = useState({ warehouseId: '', delta: '', reason: '' });
  const [moving, setMoving] = useState({ from: '', to: '', quantity: '' });
  const [limit, setLimit] = useState(String(stock.lowStockThreshold));
  const submit = (action: () => Promise<unknown>) => (event: FormEvent) => {
    event.preventDefault();
    void action();
  };

  return (
    <section aria-labelledby="stock-title">
      <h2 id="stock-title">Stock</h2>
      <p>
        <span data-testid="stock-available">{stock.available}</span> available, {stock.reserved}{' '}
        reserved, {stock.onHand} on hand
        {stock.lowStock && <strong className="low-stock"> · low stock</strong>}
      </p>
      {stock.levels.length > 0 && (
        <table>
          <caption>Per warehouse</caption>
          <thead>
            <tr>
              <th scope="col">Warehouse</th>
              <th scope="col">On hand</th>
              <th scope="col">Reserved</th>
              <th scope="col">Available</th>
            </tr>
          </thead>
          <tbody>
            {stock.levels.map((level) => (
              <tr key={level.warehouse.id}>
                <td>{level.warehouse.code}</td>
                <td>{level.onHand}</td>
                <td>{level.reserved}</td>
                <td>{level.available}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {active.length === 0 ? (
        <p>Open a warehouse on the Warehouses page to receive stock.</p>
      ) : (
        <div className="stock-forms">
          <form
            aria-label="Receive stock"
            onSubmit={submit(() =>
              receive.run({
                input: {
                  productId,
                  warehouseId: receiving.warehouseId || first,
                  quantity: Number(receiving.quantity),
                },
              }),
            )}
          >
            <h3>Receive</h3>
            <SelectField
              label="Into warehouse"
              options={options}
              value={receiving.warehouseId || first}
              onChange={(event) => setReceiving({ ...receiving, warehouseId: event.target.value })}
              error={fieldError(receive.errors, 'input.warehouseId')}
            />
            <Field
              label="Units received"
              type="number"
              min="1"
              step="1"
              value={receiving.quantity}
              onChange={(event) => setReceiving({ ...receiving, quantity: event.target.value })}
              error={fieldError(receive.errors, 'input.quantity')}
            />
            <ErrorList errors={receive.errors} shown={['input.warehouseId', 'input.quantity']} />
            <button type="submit" disabled={receive.loading}>
              Receive
            </button>
          </form>
          <form
            aria-label="Adjust stock"
            onSubmit={submit(() =>
              adjust.run({
                input: {
                  productId,
                  warehouseId: adjusting.warehouseId || first,
                  delta: Number(adjusting.delta),
                  reason: adjusting.reason,
                },
              }),
            )}
          >
            <h3>Adjust</h3>
            <SelectField
              label="In warehouse"
              options={options}
              value={adjusting.warehouseId || first}
              onChange={(event) => setAdjusting({ ...adjusting, warehouseId: event.target.value })}
              error={fieldError(adjust.errors, 'input.warehouseId')}
            />
            <Field
              label="Change (+ or −)"
              type="number"
              step="1"
              value={adjusting.delta}
              onChange={(event) => setAdjusting({ ...adjusting, delta: event.target.value })}
              error={fieldError(adjust.errors, 'input.delta')}
            />
            <Field
              label="Reason"
              value={adjusting.reason}
              onChange={(event) => setAdjusting({ ...adjusting, reason: event.target.value })}
              error={fieldError(adjust.errors, 'input.reason')}
            />
            <ErrorList
              errors={adjust.errors}
              shown={['input.warehouseId', 'input.delta', 'input.reason']}
            />
            <button type="submit" disabled={adjust.loading}>
              Adjust
            </button>
          </form>
          <form
            aria-label="Transfer stock"
            onSubmit={submit(() =>
              transfer.run({
                input: {
                  productId,
                  fromWarehouseId: moving.from || first,
                  toWarehouseId: moving.to || active[1]?.id || first,
                  quantity: Number(moving.quantity),
                },
              }),
            )}
          >
            <h3>Transfer</h3>
            <SelectField
              label="From"
              options={options}
              value={moving.from || first}
              onChange={(event) => setMoving({ ...moving, from: event.target.value })}
              error={fieldError(transfer.errors, 'input.fromWarehouseId')}
            />
            <SelectField
              label="To"
              options={options}
              value={moving.to || active[1]?.id || first}
              onChange={(event) => setMoving({ ...moving, to: event.target.value })}
              error={fieldError(transfer.errors, 'input.toWarehouseId')}
            />
            <Field
              label="Units to move"
              type="number"
              min="1"
              step="1"
              value={moving.quantity}
              onChange={(event) => setMoving({ ...moving, quantity: event.target.value })}
              error={fieldError(transfer.errors, 'input.quantity')}
            />
            <ErrorList
              errors={transfer.errors}
              shown={['input.fromWarehouseId', 'input.toWarehouseId', 'input.quantity']}
            />
            <button type="submit" disabled={transfer.loading}>
              Transfer
            </button>
          </form>
          <form
            aria-label="Low-stock threshold"
            onSubmit={submit(() => threshold.run({ productId, threshold: Number(limit) }))}
          >
            <h3>Low-stock flag</h3>
            <Field
              label="Flag when available is at most"
              type="number"
              min="0"
              step="1"
              value={limit}
              onChange={(event) => setLimit(event.target.value)}
              error={fieldError(threshold.errors, 'threshold')}
            />
            <ErrorList errors={threshold.errors} shown={['threshold']} />
            <button type="submit" disabled={threshold.loading}>
              Save threshold
            </button>
          </form>
        </div>
      )}
      <table>
        <caption>Ledger (newest first)</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Kind</th>
            <th scope="col">Warehouse</th>
            <th scope="col">Units</th>
            <th scope="col">Reason or order</th>
          </tr>
        </thead>
        <tbody>
          {movements.map((movement) => (
            <tr key={movement.id}>
              <td>{new Date(movement.createdAt).toLocaleString()}</td>
              <td>{movement.kind.toLowerCase().replace('_', ' ')}</td>
              <td>{movement.warehouse.code}</td>
              <td>{movement.quantity > 0 ? `+${movement.quantity}` : movement.quantity}</td>
              <td>
                {movement.reason ??
                  (movement.orderId ? `order ${movement.orderId.slice(0, 8)}` : '')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
