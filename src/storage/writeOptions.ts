/** What a state store may be told about a write. */
export interface WriteOptions {
  /** The conversation whose state this is: with Redis, written only while this instance's turn of it holds its lease. */
  conversationId?: string;
}
