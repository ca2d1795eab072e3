import { Link } from 'react-router';
import type { CategorySummary } from '../operations/types';

/** The category tree from the flat list the API gives (each with its parent's id). */
export function CategoryTree({
  categories,
  selected,
  hrefFor,
}: {
  categories: CategorySummary[];
  selected: string | null;
  hrefFor: (categoryId: string | null) => string;
}) {
  const childrenOf = (parentId: string | null) =>
    categories
      .filter((category) => (category.parent?.id ?? null) === parentId)
      .sort((a, b) => a.name.localeCompare(b.name));
  const branch = (parentId: string | null) => {
    const children = childrenOf(parentId);
    if (children.length === 0) return null;
    return (
      <ul>
        {children.map((category) => (
          <li key={category.id}>
            <Link
              to={hrefFor(category.id)}
              aria-current={category.id === selected ? 'page' : undefined}
            >
              {category.name}
            </Link>
            {branch(category.id)}
          </li>
        ))}
      </ul>
    );
  };
  return (
    <nav aria-label="Categories" className="category-tree">
      <h2>Categories</h2>
      <Link to={hrefFor(null)} aria-current={selected === null ? 'page' : undefined}>
        All products
      </Link>
      {branch(null)}
    </nav>
  );
}
