import { describe, expect, it } from 'vitest';
import { redactSecrets } from '../src/log.js';

describe('redactSecrets', () => {
  it.each([
    ['https://api.telegram.org/bot987654321:AAFabcdefghijklmnopqrstuvwxyz0123456/sendMessage', 'https://api.telegram.org/bot[redacted-token]/sendMessage'],
    ['token=123456789:AAH-abcdefghijklmnopqrstuvwxyz_012345 failed', 'token=[redacted-token] failed'],
    ['nothing secret here: 12:30', 'nothing secret here: 12:30'],
  ])('%s', (input, want) => {
    expect(redactSecrets(input)).toBe(want);
  });
});
