import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { loadSources, parseSourcesFile } from '../../src/sources/sources-file.js';
import { tempDir } from '../helpers.js';

const good = { name: 'polisen-skane', kind: 'feed', url: 'https://polisen.se/aktuellt/rss/skane/handelser-rss---skane/', publisher: 'Polisen', everyMinutes: 15 };

describe('the sources file', () => {
  it('reads the documented shape, both kinds', () => {
    const events = { name: 'polisen-events', kind: 'polisen-events', url: 'https://polisen.se/api/events', publisher: 'Polisen', everyMinutes: 10 };
    expect(parseSourcesFile(JSON.stringify({ sources: [good, events] }), 'sources.json')).toEqual([good, events]);
  });

  it('a missing file means no sources', async () => {
    expect(await loadSources(join(tempDir(), 'sources.json'))).toEqual([]);
  });

  it('reads a file from disk', async () => {
    const f = join(tempDir(), 's.json');
    writeFileSync(f, JSON.stringify({ sources: [good] }));
    expect(await loadSources(f)).toEqual([good]);
  });

  // Each mistake is refused whole, with the file, where in it, and what is expected.
  it.each([
    ['not JSON', '{"sources": [', /s\.json: not valid JSON/],
    ['no list', '{}', /s\.json: sources: /],
    ['an unknown kind', JSON.stringify({ sources: [{ ...good, kind: 'rss' }] }), /sources\[0\]\.kind: /],
    ['a typo in a key', JSON.stringify({ sources: [{ ...good, everyMinute: 5 }] }), /sources\[0\]: .*everyMinute/],
    ['a name that is a path', JSON.stringify({ sources: [{ ...good, name: '../x' }] }), /sources\[0\]\.name: letters, digits/],
    ['a non-http url', JSON.stringify({ sources: [{ ...good, url: 'file:///etc/passwd' }] }), /sources\[0\]\.url: an http or https address/],
    ['a fractional interval', JSON.stringify({ sources: [{ ...good, everyMinutes: 1.5 }] }), /sources\[0\]\.everyMinutes/],
    ['an empty publisher', JSON.stringify({ sources: [{ ...good, publisher: ' ' }] }), /sources\[0\]\.publisher/],
    ['a name twice', JSON.stringify({ sources: [good, { ...good, name: 'Polisen-Skane' }] }), /sources\[1\]\.name: "Polisen-Skane" is used twice/],
  ])('refuses %s', (_what, text, message) => {
    let err: unknown;
    try {
      parseSourcesFile(text, 's.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).key).toBe('SOURCES_FILE');
    expect((err as Error).message).toMatch(message);
  });

  it('SOURCES_FILE defaults to sources.json and SOURCES_CONTACT to empty', () => {
    const c = loadConfig({});
    expect(c.SOURCES_FILE).toBe('sources.json');
    expect(c.SOURCES_CONTACT).toBe('');
    expect(loadConfig({ SOURCES_FILE: 'x.json', SOURCES_CONTACT: 'ops@example.org' })).toMatchObject({ SOURCES_FILE: 'x.json', SOURCES_CONTACT: 'ops@example.org' });
  });
});
