import { useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { clearCart, setQuantity, useCart } from '../cart';
import { ErrorList } from '../components/ErrorList';
import { Field } from '../components/Field';
import { PageTitle } from '../components/Layout';
import { Money, formatMoney } from '../components/Money';
import { apiErrors, fieldError } from '../errors';
import { PLACE_ORDER } from '../operations/orders';
import { useSession } from '../use-session';

/** The cart and checkout: change quantities, then place the order (one per cart). */
export function CartPage() {
  const cart = useCart();
  const session = useSession();
  const navigate = useNavigate();
  const [placeOrder, { error, loading }] = useMutation(PLACE_ORDER);
  const errors = apiErrors(error);
  const currency = cart.lines[0]?.price.currency ?? 'USD';
  const total = cart.lines.reduce((sum, line) => sum + line.price.amount * line.quantity, 0);

  const place = async () => {
    const { data } = await placeOrder({
      variables: {
        input: {
          items: cart.lines.map(({ productId, quantity }) => ({ productId, quantity })),
          idempotencyKey: cart.idempotencyKey,
        },
      },
    }).catch(() => ({ data: undefined }));
    if (data) {
      clearCart();
      navigate(`/orders/${data.placeOrder.id}`);
    }
  };

  if (cart.lines.length === 0) {
    return (
      <>
        <PageTitle>Your cart</PageTitle>
        <p>Your cart is empty.</p>
        <Link to="/">Find something in the shop</Link>
      </>
    );
  }
  const shownFields = cart.lines.flatMap((_, index) => [
    `input.items.${index}.quantity`,
    `input.items.${index}.productId`,
  ]);
  return (
    <>
      <PageTitle>Your cart</PageTitle>
      <ul className="cart-lines">
        {cart.lines.map((line, index) => (
          <li key={line.productId}>
            <div>
              <Link to={`/products/${line.productId}`}>{line.name}</Link>
              <span className="muted"> by {line.vendorName}</span>
              <div>
                <Money value={line.price} /> each
              </div>
              {fieldError(errors, `input.items.${index}.productId`) && (
                <p className="field-error" role="alert">
                  {fieldError(errors, `input.items.${index}.productId`)}
                </p>
              )}
            </div>
            <Field
              label={`Quantity of ${line.name}`}
              type="number"
              min="0"
              step="1"
              value={String(line.quantity)}
              onChange={(event) => {
                const quantity = Number(event.target.value);
                if (Number.isInteger(quantity) && quantity >= 0)
                  setQuantity(line.productId, quantity);
              }}
              error={errors.byField[`input.items.${index}.quantity`]}
            />
          </li>
        ))}
      </ul>
      <p className="total">
        Total: <strong>{formatMoney({ amount: total, currency })}</strong>
      </p>
      <ErrorList errors={errors} shown={shownFields} />
      {session ? (
        <button type="button" className="primary" onClick={() => void place()} disabled={loading}>
          {loading ? 'Placing your order…' : 'Place order'}
        </button>
      ) : (
        <p>
          <Link to="/login?next=/cart">Sign in</Link> or <Link to="/register">register</Link> to
          place your order.
        </p>
      )}
    </>
  );
}
