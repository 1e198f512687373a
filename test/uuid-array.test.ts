import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid, uuidArray } from '../src/db/uuid-array.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const hex = fc.constantFrom(...'0123456789abcdefABCDEF');
const group = (n: number) => fc.array(hex, { minLength: n, maxLength: n }).map((a) => a.join(''));

describe('isUuid', () => {
  it('accepts every 8-4-4-4-12 hex string, in either case', () => {
    fc.assert(
      fc.property(group(8), group(4), group(4), group(4), group(12), (a, b, c, d, e) => {
        expect(isUuid(`${a}-${b}-${c}-${d}-${e}`)).toBe(true);
      }),
    );
    expect(isUuid(crypto.randomUUID())).toBe(true);
  });

  it('agrees with the pattern on near misses: one character changed, dropped or added', () => {
    fc.assert(
      fc.property(
        fc.uuid(),
        fc.nat(35),
        fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
        fc.constantFrom('replace', 'drop', 'add'),
        (u, i, ch, how) => {
          const s =
            how === 'replace'
              ? u.slice(0, i) + ch + u.slice(i + 1)
              : how === 'drop'
                ? u.slice(0, i) + u.slice(i + 1)
                : u.slice(0, i) + ch + u.slice(i);
          expect(isUuid(s)).toBe(UUID.test(s));
        },
      ),
      { numRuns: 2000 },
    );
    for (const bad of ['', '{}', `${crypto.randomUUID()},${crypto.randomUUID()}`, 'NULL', null, 42])
      expect(isUuid(bad)).toBe(false);
  });

  it('refuses to build an array parameter from anything but uuids', () => {
    expect(() => uuidArray([crypto.randomUUID(), 'x'])).toThrow(/not a uuid: "x"/);
    expect(() => uuidArray([crypto.randomUUID()])).not.toThrow();
  });
});
