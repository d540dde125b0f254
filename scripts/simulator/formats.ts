/**
 * The string formats the vendor docs use. ajv-formats is not a dependency, and these few checks
 * are all a simulator needs: strict enough to catch a client sending the wrong shape.
 */

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4}-\d{2}-\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
// Deliberately loose: one @, no spaces, a dot in the domain. Full RFC 5322 would accept things no vendor does.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function isDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Date.UTC reads years 0–99 as 1900–1999; setting the year afterwards does not.
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year, month - 1, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

function isDateTime(value: string): boolean {
  const match = DATE_TIME.exec(value);
  if (match === null) return false;
  return isDate(match[1] ?? '') && Number(match[2]) < 24 && Number(match[3]) < 60 && Number(match[4]) < 61;
}

function isUri(value: string): boolean {
  if (!/^[a-z][a-z0-9+.-]*:/i.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

function inIntegerRange(input: { bits: 32 | 64 }) {
  const limit = input.bits === 32 ? 2 ** 31 : 2 ** 63;
  return (value: number) => Number.isInteger(value) && value >= -limit && value < limit;
}

export const stringFormats: Record<string, (value: string) => boolean> = {
  uuid: (value) => UUID.test(value),
  date: isDate,
  'date-time': isDateTime,
  email: (value) => EMAIL.test(value),
  uri: isUri,
};

export const numberFormats: Record<string, (value: number) => boolean> = {
  int32: inIntegerRange({ bits: 32 }),
  int64: inIntegerRange({ bits: 64 }),
  float: (value) => Number.isFinite(value),
  double: (value) => Number.isFinite(value),
};

/** OpenAPI formats that only annotate; accepting them keeps ajv from warning about unknown formats. */
export const annotationFormats = ['password', 'binary', 'byte', 'hostname', 'uri-reference', 'time', 'ipv4', 'ipv6', 'regex'];
