/**
 * Display formatting, shared by server and client components. Always UTC and a fixed locale,
 * so the server's render and the browser's hydration print the same text.
 */
import { formatMoney } from "@/lib/costs/money";

const BYTE_UNITS = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"] as const;
const countFormat = new Intl.NumberFormat("en-US");

/** Binary units (GiB = 2^30 bytes), three significant digits: "1.42 GiB", "917 MiB". */
export function formatBytes(bytes: number): string {
  const sign = bytes < 0 ? "-" : "";
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  if (unit === 0) return `${sign}${value} B`;
  const digits = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${sign}${value.toFixed(digits)} ${BYTE_UNITS[unit]}`;
}

/** Exact bytes with thousands separators, for tooltips: "1,523,456,789 bytes". */
export function formatExactBytes(bytes: number): string {
  return `${countFormat.format(bytes)} bytes`;
}

export function formatCount(value: number): string {
  return countFormat.format(value);
}

/** "2026-11-28 17:02 UTC" from an ISO timestamp; an em dash when absent. */
export function formatDateTime(iso: string | null): string {
  if (!iso) return "—";
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return "—";
  return `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** "4.2 s", "3 min 05 s", "1 h 02 min". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  if (hours > 0) return `${hours} h ${String(minutes).padStart(2, "0")} min`;
  return `${minutes} min ${String(seconds).padStart(2, "0")} s`;
}

export function formatPercent(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}

/** "1234567.8" → "1,234,567.8": thousands separators on a decimal string, digits untouched. */
export function groupDecimal(decimal: string): string {
  const [whole, fraction] = decimal.split(".");
  const sign = whole.startsWith("-") ? "-" : "";
  const digits = sign ? whole.slice(1) : whole;
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${sign}${grouped}${fraction === undefined ? "" : `.${fraction}`}`;
}

/**
 * Money for a page: micro-units (as the queries hand them over) to 2 decimals, rounded half away
 * from zero, with the currency: "USD 1,234.57". The exact value goes in a title or data attribute.
 */
export function formatMoneyDisplay(micros: string | bigint, currency: string): string {
  return `${currency} ${groupDecimal(formatMoney(BigInt(micros), 2))}`;
}

/** The exact amount with 6 decimals, as the CSV reports print it: "1234.567891". */
export function formatMoneyExact(micros: string | bigint): string {
  return formatMoney(BigInt(micros), 6);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A chart's day tick: "28 Nov" from "2026-11-28" (UTC days, no time zone involved). */
export function formatShortDay(day: string): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
}

/** Days of one month as a reader says them: "Dec 1–5" ("Dec 5" for one day), from UTC YYYY-MM-DD days. */
export function formatDayRange(from: string, until: string): string {
  const first = `${MONTHS[Number(from.slice(5, 7)) - 1]} ${Number(from.slice(8, 10))}`;
  return from === until ? first : `${first}–${Number(until.slice(8, 10))}`;
}

/** A digest as people quote it: the first 12 hex characters, as `docker images` shows an image ID. */
export function formatShortDigest(digest: string): string {
  return digest.replace(/^sha256:/, "").slice(0, 12);
}
