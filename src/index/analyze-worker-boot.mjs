// Worker threads do not inherit the TypeScript loader; register it, then run the analysis worker.
import { register } from 'tsx/esm/api';

register();
await import('./analyze-worker.ts');
