/** Languages the built-in templates are written in. */
export type Locale = 'zh' | 'en';

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const EN_MON = EN_MONTHS.map((m) => m.slice(0, 3));

/** Labels and number formats of one locale. */
export interface Labels {
  week(year: number, number: number, withYear: boolean): string;
  month(key: string): string;
  quarter(key: string, fiscal: boolean): string;
  year(key: string, fiscal: boolean): string;
  date(iso: string, withYear: boolean): string;
  duration(minutes: number): string;
  team: string;
  unnamed: string;
}

const zh: Labels = {
  week: (y, n, withYear) => (withYear ? `${y}年第${n}周` : `第${n}周`),
  month: (k) => `${k.slice(0, 4)}年${Number(k.slice(5))}月`,
  quarter: (k, fiscal) => `${k.slice(0, 4)}${fiscal ? '财年' : '年'}Q${k.slice(-1)}`,
  year: (k, fiscal) => `${k}${fiscal ? '财年' : '年'}`,
  date: (iso, withYear) => `${withYear ? `${iso.slice(0, 4)}年` : ''}${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`,
  duration: (m) => (m < 60 ? `${fmt(m)}分钟` : `${fmt(m / 60)}小时`),
  team: '团队',
  unnamed: '未署名',
};

const en: Labels = {
  week: (y, n, withYear) => (withYear ? `${y}-W${String(n).padStart(2, '0')}` : `W${n}`),
  month: (k) => `${EN_MONTHS[Number(k.slice(5)) - 1]} ${k.slice(0, 4)}`,
  quarter: (k, fiscal) => `${fiscal ? 'FY' : ''}${k.slice(0, 4)} Q${k.slice(-1)}`,
  year: (k, fiscal) => `${fiscal ? 'FY' : ''}${k}`,
  date: (iso, withYear) => `${EN_MON[Number(iso.slice(5, 7)) - 1]} ${Number(iso.slice(8, 10))}${withYear ? `, ${iso.slice(0, 4)}` : ''}`,
  duration: (m) => (m < 60 ? `${fmt(m)} min` : `${fmt(m / 60)} h`),
  team: 'Team',
  unnamed: 'unnamed',
};

/** At most one decimal, none when whole: 1.5, 2, 0.3. */
function fmt(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
}

/** The labels of a locale. */
export function labelsOf(locale: Locale): Labels {
  return locale === 'en' ? en : zh;
}
