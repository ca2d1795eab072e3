import { Navigate, NavLink, Route, Routes } from 'react-router';
import { useSession } from '../use-session';
import { CategoriesPage } from './CategoriesPage';
import { OverviewPage } from './OverviewPage';
import { ProductEditorPage } from './ProductEditorPage';
import { VendorOrdersPage } from './VendorOrdersPage';
import { WarehousesPage } from './WarehousesPage';

/** The dashboard for vendors (products, stock, orders, sales) and admins (categories). */
export function DashboardRoutes() {
  const session = useSession();
  if (!session) return <Navigate to="/login?next=/dashboard" replace />;
  const role = session.user.role;
  return (
    <>
      <nav aria-label="Dashboard" className="dashboard-nav">
        <ul>
          {role === 'VENDOR' && (
            <>
              <li>
                <NavLink to="/dashboard" end>
                  Overview
                </NavLink>
              </li>
              <li>
                <NavLink to="/dashboard/warehouses">Warehouses</NavLink>
              </li>
              <li>
                <NavLink to="/dashboard/orders">Orders</NavLink>
              </li>
            </>
          )}
          {role === 'ADMIN' && (
            <li>
              <NavLink to="/dashboard/categories">Categories</NavLink>
            </li>
          )}
        </ul>
      </nav>
      <Routes>
        <Route
          index
          element={
            role === 'ADMIN' ? <Navigate to="/dashboard/categories" replace /> : <OverviewPage />
          }
        />
        <Route path="products/:id" element={<ProductEditorPage />} />
        <Route path="warehouses" element={<WarehousesPage />} />
        <Route path="orders" element={<VendorOrdersPage />} />
        <Route path="categories" element={<CategoriesPage />} />
      </Routes>
    </>
  );
}
