/**
 * Rounds a figure to three decimals, halves away from zero, as the decimal number it prints
 * as. `Math.round(x * 1000) / 1000` would not do: 1.0005 is stored as 1.000499999…, so the
 * multiplication lands just under the half and a reader who sees "1.0005" gets 1.000. Shifting
 * the decimal point in the number's shortest text form keeps the digits a person would see.
 */
export function roundToThousandths(value: number): number {
  if (!Number.isFinite(value)) {
    return value;
  }

  const shifted = shiftDecimalPoint(value, 3);
  const rounded = Math.sign(shifted) * Math.round(Math.abs(shifted));

  // Adding zero turns a negative zero (from a tiny negative input) into a plain zero.
  return shiftDecimalPoint(rounded, -3) + 0;
}

/** Multiplies by a power of ten through the text form, so no binary rounding creeps in. */
function shiftDecimalPoint(value: number, places: number): number {
  const [digits = "0", exponent = "0"] = String(value).split("e");

  return Number(`${digits}e${Number(exponent) + places}`);
}
