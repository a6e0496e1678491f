import type { CrfItemType } from "@/db/enums";
import { isRealDay } from "@/lib/time/network-day";

const INTEGER = /^-?\d{1,15}$/;
const NUMBER = /^-?\d{1,15}(\.\d{1,10})?$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/;
const TIME = /^\d{2}:\d{2}(:\d{2})?$/;

const realDay = (v: string): boolean => isRealDay(v.slice(0, 10));

function realTime(v: string): boolean {
  const [h, m, s] = v.split(":").map(Number);
  return h <= 23 && m <= 59 && (s === undefined || s <= 59);
}

/**
 * Whether a text is a valid limit (min or max) for an item of this type, in REDCap's form:
 * numbers for numbers and sliders, Y-M-D days for dates (or "today"), "Y-M-D H:M" for
 * date-times (or "now"/"today"), "H:M" for times. Other types take no limits.
 */
export function isLimitOf(type: CrfItemType, v: string): boolean {
  switch (type) {
    case "integer":
      return INTEGER.test(v);
    case "decimal":
    case "slider":
      return NUMBER.test(v);
    case "date":
      return v === "today" || (DAY.test(v) && realDay(v));
    case "datetime":
      return v === "now" || v === "today" || (DATE_TIME.test(v) && realDay(v) && realTime(v.slice(11)));
    case "time":
      return TIME.test(v) && realTime(v);
    default:
      return false;
  }
}
