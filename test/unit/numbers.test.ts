import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toNumber } from '../../electron/core/batch/build-orders';
import { parseDecimal } from '../../shared/domain/numbers';

describe('parseDecimal: a number as people type it', () => {
  it('reads a comma or a dot as the decimal separator, and thousands separators either way', () => {
    expect(
      ['1,5', '1.5', '.5', '0,8', '1.234,5', '1,234.5', '1.234.567', '1,234,567', '1,200', '1.234,56', '1,234.56'].map(parseDecimal),
    ).toEqual([1.5, 1.5, 0.5, 0.8, 1234.5, 1234.5, 1234567, 1234567, 1200, 1234.56, 1234.56]);
  });

  it('allows spaces, apostrophes, full-width digits and a currency sign', () => {
    expect([' 2 ', '1 200,5', '1\u00a0200,5', "1'234.5", '１２', '１，５', '$15.00', '¥1,200', '15 €', '-3,5'].map(parseDecimal)).toEqual([
      2, 1200.5, 1200.5, 1234.5, 12, 1.5, 15, 1200, 15, -3.5,
    ]);
  });

  it('gives undefined for a blank field and NaN for text it cannot read', () => {
    expect(parseDecimal('')).toBeUndefined();
    expect(parseDecimal('   ')).toBeUndefined();
    for (const junk of ['2kg', '1.5kg', 'abc', '--1', '1-2', ',', '.']) expect(parseDecimal(junk)).toBeNaN();
  });
});

describe('parseDecimal and the batch import', () => {
  // build-orders.ts reads CSV cells with its own copy of this rule until it is switched over:
  // the two must read every text alike (its copy gives back the text where this one gives NaN).
  const asBatchReads = (text: string) => {
    const n = parseDecimal(text);
    return n !== undefined && Number.isNaN(n) ? text.trim() : n;
  };
  it('reads every text the way the batch import does', () => {
    const typed = fc.stringMatching(/^[ 0-9.,'$€¥１２３\u00a0-]{0,12}$/);
    fc.assert(fc.property(fc.oneof(typed, fc.string()), (text) => Object.is(asBatchReads(text), toNumber(text))));
  });
});
