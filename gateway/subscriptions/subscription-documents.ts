import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Parsed and validated subscription documents by query text, so subscribers sending the same
 * text (every client of one app) share one document, parsed once, instead of holding a parse
 * each for as long as they stay subscribed. Documents are kept without locations (a located
 * document holds every token of its text); the errors of a bad text are computed afresh, with
 * locations, and not kept. The least recently used text goes first beyond `capacity`; a new
 * schema starts afresh.
 */
export class SubscriptionDocuments {
  private readonly documents: LRUCache<string, DocumentNode>;
  private schema: GraphQLSchema | null = null;

  /** @param capacity distinct query texts kept (default 100). */
  constructor(capacity = 100) {
    this.documents = new LRUCache({ max: capacity });
  }

  /** The document of `query`, valid against `schema`, or the errors saying why it is not. */
  get(schema: GraphQLSchema, query: unknown): DocumentNode | readonly GraphQLError[] {
    if (typeof query !== 'string') return [new GraphQLError('Send the query as a string')];
    if (schema !== this.schema) {
      this.documents.clear();
      this.schema = schema;
    }
    const known = this.documents.get(query);
    if (known) return known;
    let document: DocumentNode;
    try {
      document = parse(query, { noLocation: true });
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    if (validate(schema, document).length > 0) return validate(schema, parse(query));
    this.documents.set(query, document);
    return document;
  }

  /** Texts kept now. */
  get size(): number {
    return this.documents.size;
  }
}
