import { isTimeZone } from './time.js';

let zones: readonly string[] | undefined;

// ICU lists some zones under their old names; members type today's (both are accepted).
const modernNames: Record<string, string> = {
  'Asia/Calcutta': 'Asia/Kolkata',
  'Europe/Kiev': 'Europe/Kyiv',
  'Asia/Saigon': 'Asia/Ho_Chi_Minh',
  'Asia/Katmandu': 'Asia/Kathmandu',
  'Asia/Rangoon': 'Asia/Yangon',
  'America/Godthab': 'America/Nuuk',
  'Atlantic/Faeroe': 'Atlantic/Faroe',
  'Pacific/Ponape': 'Pacific/Pohnpei',
  'Pacific/Truk': 'Pacific/Chuuk',
  'Pacific/Enderbury': 'Pacific/Kanton',
};

/** Every IANA zone this runtime knows, UTC first, under today's names. */
function allZones(): readonly string[] {
  zones ??= [
    'UTC',
    ...Intl.supportedValuesOf('timeZone')
      .filter((z) => z !== 'UTC')
      .map((z) => {
        const modern = modernNames[z];
        return modern && isTimeZone(modern) ? modern : z;
      }),
  ];
  return zones;
}

/**
 * Time zones for an autocomplete box: "kolk" → Asia/Kolkata, "new york" → America/New_York.
 * Zones whose city starts with the text come first, then any zone containing it.
 */
export function suggestTimeZones(query: string, limit: number): string[] {
  const text = query.trim().toLowerCase().replace(/\s+/g, '_');
  if (text === '') return ['UTC', 'Europe/London', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'].filter(isTimeZone).slice(0, limit);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const zone of allZones()) {
    const lower = zone.toLowerCase();
    const city = lower.slice(lower.lastIndexOf('/') + 1);
    if (city.startsWith(text) || lower.startsWith(text)) starts.push(zone);
    else if (lower.includes(text)) contains.push(zone);
  }
  return [...starts, ...contains].slice(0, limit);
}
