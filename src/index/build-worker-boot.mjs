// Worker threads do not inherit the TypeScript loader; register it, then run the build worker.
import { register } from 'tsx/esm/api';

register();
await import('./build-worker.ts');
