import { useState } from 'react';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { fieldError } from '../errors';
import { REFUND_ORDER_LINES } from '../operations/vendor';
import { useAction } from './use-action';

interface Props {
  orderId: string;
  line: { id: string; productName: string };
  /** The line's units neither refunded nor held by a pending refund. */
  refundableUnits: number;
}

/**
 * Refunds units of one of the vendor's lines: how many, why (the customer reads it), and whether
 * they go back in stock. The API checks what is left; its answer shows next to the field.
 */
export function RefundLineForm({ orderId, line, refundableUnits }: Props) {
  const refund = useAction(REFUND_ORDER_LINES);
  const [units, setUnits] = useState('1');
  const [reason, setReason] = useState('');
  const [restock, setRestock] = useState(true);
  const fields = ['lines.0.quantity', 'reason'];
  return (
    <form
      aria-label={`Refund ${line.productName}`}
      className="stacked-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void refund.run({
          orderId,
          lines: [{ itemId: line.id, quantity: Number(units) }],
          reason,
          restock,
        });
      }}
    >
      <Field
        label={`Units to refund (of ${refundableUnits})`}
        type="number"
        min={1}
        value={units}
        onChange={(event) => setUnits(event.target.value)}
        error={fieldError(refund.errors, fields[0])}
      />
      <Field
        label="Reason (the customer reads it)"
        value={reason}
        onChange={(event) => setReason(event.target.value)}
        error={fieldError(refund.errors, fields[1])}
      />
      <label>
        <input
          type="checkbox"
          checked={restock}
          onChange={(event) => setRestock(event.target.checked)}
        />{' '}
        Put the units back in stock
      </label>
      <ErrorList errors={refund.errors} shown={fields} />
      <button type="submit" disabled={refund.loading}>
        Refund {line.productName}
      </button>
    </form>
  );
}
