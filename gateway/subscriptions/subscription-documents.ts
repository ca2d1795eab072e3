import { GraphQLError, parse, validate, type DocumentNode, type GraphQLSchema } from 'graphql';

/**
 * Parsed and validated subscription documents by query text, so subscribers sending the same
 * text (every client of one app) share one document, parsed once, instead of holding a parse
 * each for as long as they stay subscribed. Documents are kept without locations (a located
 * document holds every token of its text); the errors of a bad text are computed afresh, with
 * locations, and not kept. The least recently used text goes first beyond `capacity`; a new
 * schema starts afresh.
 */
export class SubscriptionDocuments {
  private readonly documents = new Map<string, DocumentNode>();
  private schema: GraphQLSchema | null = null;

  /** @param capacity distinct query texts kept (default 100). */
  constructor(private readonly capacity = 100) {}

  /** The document of `query`, valid against `schema`, or the errors saying why it is not. */
  get(schema: GraphQLSchema, query: unknown): DocumentNode | readonly GraphQLError[] {
    if (typeof query !== 'string') return [new GraphQLError('Send the query as a string')];
    if (schema !== this.schema) {
      this.documents.clear();
      this.schema = schema;
    }
    const known = this.documents.get(query);
    if (known) {
      // Re-inserted: a Map iterates in insertion order, so the first key is the least recent.
      this.documents.delete(query);
      this.documents.set(query, known);
      return known;
    }
    let document: DocumentNode;
    try {
      document = parse(query, { noLocation: true });
    } catch (error) {
      if (error instanceof GraphQLError) return [error];
      throw error;
    }
    if (validate(schema, document).length > 0) return validate(schema, parse(query));
    this.documents.set(query, document);
    if (this.documents.size > this.capacity) {
      this.documents.delete(this.documents.keys().next().value!);
    }
    return document;
  }

  /** Texts kept now. */
  get size(): number {
    return this.documents.size;
  }
}
