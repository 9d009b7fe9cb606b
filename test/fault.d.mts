/** See fault.mjs. */
export function failWrites(dir: string, code: string): () => void;
