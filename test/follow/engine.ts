/** A lexical index over the seed corpus plus a few statements in the shape `npm run sync` writes them. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexManager } from '../../src/index/manager.js';
import { seedConfig } from '../helpers.js';

export const STATEMENTS = [
  { id: 'k:1', title: 'Brand i förskola i Kävlinge', publisher: 'Räddningstjänsten Syd', published: '2026-01-02T10:00:00+01:00', url: 'https://example.org/brand', text: 'Det brinner i en förskola i Kävlinge.\n\nRäddningstjänsten evakuerade 45 barn från förskolan Solrosen.' },
  { id: 'k:2', title: '02 januari 18.30, Skottlossning, Stockholm', publisher: 'Polisen', published: '2026-01-02T18:30:00+01:00', url: 'https://example.org/skott', text: 'Polisen larmades strax efter klockan 18 om skottlossning i Rinkeby. En man har förts till sjukhus med skottskador.\n\nPolisen har spärrat av området och söker vittnen.' },
  { id: 'k:4', title: 'Vattenläcka i Kävlinge centrum', publisher: 'Kävlinge kommun', published: '2026-01-02T11:00:00+01:00', url: 'https://example.org/vatten', text: 'En vattenläcka har stängt av vattnet i Kävlinge centrum.\n\nReparationen väntas vara klar under eftermiddagen.' },
  { id: 'k:3', title: 'Nya öppettider för biblioteket', publisher: 'Exempels kommun', published: '2026-01-01T09:00:00+01:00', url: 'https://example.org/bibliotek', text: 'Biblioteket har nya öppettider från och med januari.' },
];

export async function followEngine(): Promise<IndexManager> {
  const config = seedConfig();
  writeFileSync(join(config.CORPUS_PATHS[0]!, 'k.jsonl'), STATEMENTS.map((s) => JSON.stringify(s)).join('\n') + '\n');
  return IndexManager.open(config, { buildIfMissing: true });
}
