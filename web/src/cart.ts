import { useSyncExternalStore } from 'react';
import type { Money } from './operations/types';

export interface CartLine {
  productId: string;
  name: string;
  vendorName: string;
  price: Money;
  quantity: number;
}

/**
 * The cart, kept in localStorage. Its idempotency key is made with the cart and kept until an
 * order is placed from it, so a retried or double-clicked "Place order" places one order.
 */
export interface Cart {
  lines: CartLine[];
  idempotencyKey: string;
}

const KEY = 'bazaar.cart';
const listeners = new Set<() => void>();
let cart: Cart = read();

function emptyCart(): Cart {
  return { lines: [], idempotencyKey: crypto.randomUUID() };
}

function read(): Cart {
  try {
    const stored = localStorage.getItem(KEY);
    return stored ? (JSON.parse(stored) as Cart) : emptyCart();
  } catch {
    return emptyCart();
  }
}

function write(next: Cart): void {
  cart = next;
  localStorage.setItem(KEY, JSON.stringify(next));
  listeners.forEach((listener) => listener());
}

// Another tab changed the cart.
window.addEventListener('storage', (event) => {
  if (event.key === KEY) {
    cart = read();
    listeners.forEach((listener) => listener());
  }
});

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
};

export function addToCart(line: Omit<CartLine, 'quantity'>, quantity: number): void {
  const existing = cart.lines.find((item) => item.productId === line.productId);
  const lines = existing
    ? cart.lines.map((item) =>
        item === existing ? { ...item, quantity: item.quantity + quantity } : item,
      )
    : [...cart.lines, { ...line, quantity }];
  // A different cart is a different order: it gets a new key.
  write({ lines, idempotencyKey: crypto.randomUUID() });
}

export function setQuantity(productId: string, quantity: number): void {
  const lines = cart.lines
    .map((item) => (item.productId === productId ? { ...item, quantity } : item))
    .filter((item) => item.quantity > 0);
  write({ lines, idempotencyKey: crypto.randomUUID() });
}

export function clearCart(): void {
  write(emptyCart());
}

export function useCart() {
  const current = useSyncExternalStore(subscribe, () => cart);
  return {
    ...current,
    count: current.lines.reduce((sum, line) => sum + line.quantity, 0),
  };
}
