/**
 * The dense side of search is pluggable: anything that turns text into unit vectors.
 */
export interface Embedder {
  /** Model id as recorded in the index manifest ("Xenova/multilingual-e5-small"). */
  readonly modelId: string;
  readonly dim: number;
  /** Embeds passages (sentences of statements); unit-length vectors. */
  embedPassages(texts: string[]): Promise<Float32Array[]>;
  /** Embeds one query; unit-length vector. */
  embedQuery(text: string): Promise<Float32Array>;
  dispose?(): Promise<void>;
}
