/** Redis Cluster has 16384 hash slots; a key's slot is CRC16(key) mod 16384. */
export const SLOT_COUNT = 16384;

/** CRC16-CCITT (XMODEM), the checksum Redis Cluster uses, table-free for a few keys a run. */
function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit += 1) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/**
 * The hash slot of a key. Only the part inside the first non-empty `{...}` is hashed, which
 * is how keys are made to land together (and how the probe picks a key for each shard).
 */
export function hashSlot(key: string): number {
  const open = key.indexOf("{");
  const close = open >= 0 ? key.indexOf("}", open + 1) : -1;
  const hashed = close > open + 1 ? key.slice(open + 1, close) : key;

  return crc16(new TextEncoder().encode(hashed)) % SLOT_COUNT;
}
