import { useEffect, useRef, type ReactNode } from 'react';
import { Link, NavLink, useLocation, useNavigate } from 'react-router';
import { useCart } from '../cart';
import { endSession } from '../session';
import { useSession } from '../use-session';

/** Header, navigation and the main landmark; focus moves to the page heading on navigation. */
export function Layout({ children }: { children: ReactNode }) {
  const session = useSession();
  const { count } = useCart();
  const navigate = useNavigate();
  const location = useLocation();
  const main = useRef<HTMLElement>(null);
  useEffect(() => {
    main.current?.querySelector('h1')?.focus();
  }, [location.pathname]);
  const role = session?.user.role;
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <Link to="/" className="brand">
          Bazaar
        </Link>
        <nav aria-label="Main">
          <ul>
            <li>
              <NavLink to="/">Shop</NavLink>
            </li>
            <li>
              <NavLink to="/cart">Cart ({count})</NavLink>
            </li>
            {session && role === 'CUSTOMER' && (
              <li>
                <NavLink to="/orders">My orders</NavLink>
              </li>
            )}
            {(role === 'VENDOR' || role === 'ADMIN') && (
              <li>
                <NavLink to="/dashboard">Dashboard</NavLink>
              </li>
            )}
            {session ? (
              <li>
                <button
                  type="button"
                  className="link-button"
                  onClick={() => void endSession().then(() => navigate('/'))}
                >
                  Sign out {session.user.displayName}
                </button>
              </li>
            ) : (
              <>
                <li>
                  <NavLink to="/login">Sign in</NavLink>
                </li>
                <li>
                  <NavLink to="/register">Register</NavLink>
                </li>
              </>
            )}
          </ul>
        </nav>
      </header>
      <main id="main" ref={main}>
        {children}
      </main>
    </>
  );
}

/** The page's heading, focusable so navigation announces the new page. */
export function PageTitle({ children }: { children: ReactNode }) {
  useEffect(() => {
    document.title = `${typeof children === 'string' ? children : 'Bazaar'} – Bazaar`;
  }, [children]);
  return <h1 tabIndex={-1}>{children}</h1>;
}
