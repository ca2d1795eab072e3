import { Link } from 'react-router';
import { PageTitle } from '../components/Layout';

export function NotFoundPage() {
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <Link to="/">Back to the shop</Link>
    </>
  );
}
