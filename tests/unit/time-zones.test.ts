import { describe, expect, it } from 'vitest';
import { suggestTimeZones } from '../../src/core/time-zones.js';
import { isTimeZone } from '../../src/core/time.js';

describe('time zone suggestions', () => {
  it.each([
    ['kolk', 'Asia/Kolkata'],
    ['LONDON', 'Europe/London'],
    ['new york', 'America/New_York'],
    ['lord', 'Australia/Lord_Howe'],
    ['europe/ber', 'Europe/Berlin'],
    ['utc', 'UTC'],
  ])('%s -> %s first', (typed, zone) => {
    expect(suggestTimeZones(typed, 25)[0]).toBe(zone);
  });

  it('offers only zones the runtime knows, at most the limit, and nothing for nonsense', () => {
    const many = suggestTimeZones('a', 25);
    expect(many).toHaveLength(25);
    expect(many.every(isTimeZone)).toBe(true);
    expect(suggestTimeZones('zzzz-not-a-zone', 25)).toEqual([]);
    expect(suggestTimeZones('', 3)).toEqual(['UTC', 'Europe/London', 'America/New_York']);
  });
});
