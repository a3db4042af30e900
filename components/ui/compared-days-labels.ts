import type { ComparedDays, DayRange } from "@/lib/costs/compared-days";
import { formatDayRange } from "@/lib/format";

const days = (range: DayRange) => formatDayRange(range.from, range.until);

/**
 * How a comparison names its two sides: the months when a complete month is compared whole, the
 * days when a running month is compared with the same days before ("Dec 1–5", "Nov 1–5"); and the
 * sentence that says which days are compared ("Dec 1–5 against Nov 1–5").
 */
export function comparedLabels(compared: ComparedDays): { current: string; previous: string; sentence: string } {
  return {
    current: compared.running ? days(compared.current) : compared.current.month,
    previous: compared.running ? days(compared.previous) : compared.previous.month,
    sentence: `${days(compared.current)} against ${days(compared.previous)}`,
  };
}
