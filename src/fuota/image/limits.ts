/** Size limits of a FUOTA image. */

/** AWS IoT Core for LoRaWAN accepts firmware images up to 1 MB (lorawan-facts.md 7.3); larger need a delta. */
export const MAX_IMAGE_BYTES = 1_048_576;
