export function DashboardRoutes() {
  return null;
}
