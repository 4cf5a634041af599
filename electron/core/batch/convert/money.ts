/**
 * Currency signs and codes as prices are written in shop exports ("$12.00", "€ 9,50",
 * "¥1,200", "12.00 USD", "1200円", eBay's "C $9.50"), by ISO code. "$" alone is US dollars and "¥" alone yen,
 * unless the file says otherwise (its currency column, or the platform's default).
 */
const SIGNS: [RegExp, string][] = [
  [/^(US ?\$|USD)/i, 'USD'],
  [/^(CA ?\$|C ?\$|CAD)/i, 'CAD'],
  [/^(AU ?\$|A ?\$|AUD)/i, 'AUD'],
  [/^(NZ\$|NZD)/i, 'NZD'],
  [/^(HK\$|HKD)/i, 'HKD'],
  [/^(S\$|SGD)/i, 'SGD'],
  [/^(NT\$|TWD)/i, 'TWD'],
  [/^(R\$|BRL)/i, 'BRL'],
  [/^(CN¥|RMB|CNY|元|人民币)/i, 'CNY'],
  [/^(JP¥|JPY|円)/i, 'JPY'],
  [/^(€|EUR)/i, 'EUR'],
  [/^(£|GBP)/i, 'GBP'],
  [/^(₩|KRW)/i, 'KRW'],
  [/^(₹|INR)/i, 'INR'],
  [/^(฿|THB)/i, 'THB'],
  [/^(₱|PHP)/i, 'PHP'],
  [/^(₫|VND)/i, 'VND'],
  [/^(RM|MYR)/i, 'MYR'],
  [/^(Rp|IDR)/i, 'IDR'],
  [/^(CHF)/i, 'CHF'],
  [/^(zł|PLN)/i, 'PLN'],
  [/^(\$)/, 'USD'],
  [/^(¥)/, 'JPY'],
];

/** A price cell → its amount text (sign and code removed) and the currency the sign or code names, if any. */
export function splitMoney(raw: string): { amount: string; currency?: string } {
  const text = raw.normalize('NFKC').trim();
  for (const [pattern, currency] of SIGNS) {
    const lead = new RegExp(`${pattern.source}\\s*(?=[-\\d.,])`, pattern.flags).exec(text);
    if (lead) return { amount: text.slice(lead[0].length).trim(), currency };
    const trail = new RegExp(`(?<=[\\d.,])\\s*${pattern.source.slice(1)}$`, pattern.flags).exec(text);
    if (trail) return { amount: text.slice(0, trail.index).trim(), currency };
  }
  return { amount: text };
}

/** A currency cell → ISO code: a code in any case, or a sign or name ("$", "円", "人民币"). */
export function toCurrencyCode(raw: string): string {
  const text = raw.normalize('NFKC').trim();
  if (/^[a-z]{3}$/i.test(text)) return text.toUpperCase();
  for (const [pattern, currency] of SIGNS) if (new RegExp(`${pattern.source}$`, pattern.flags).test(text)) return currency;
  return text.toUpperCase();
}
