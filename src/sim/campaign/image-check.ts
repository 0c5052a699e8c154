/**
 * What a device concludes about the image it rebuilt (Outcome.*).
 *
 * Payload-sample devices check the rebuilt bytes for real (fuota/image `verifyAndApply`: manifest,
 * signature, delta, digest, version). The others follow the same rules without the bytes: tampered
 * fragments fail the check, an image that is not newer than the device's firmware is refused. A
 * failed signature or digest is reported as `MICError` (the integrity status AWS has); a refused
 * version as `Wrong_descriptor` (the manifest names an image the device does not take; AWS has no
 * status of its own for it). Mixed-fleet roles `MemoryError` and `MICError` fail here too.
 */
import { isNewer } from '../../fuota/image/version.js';
import { verifyAndApply, type FirmwarePackage } from '../../fuota/image/package.js';
import type { ResolvedScenario } from '../../scenario/types.js';
import type { FleetDecoders } from '../decoders.js';
import { STATUS_INDEX } from '../world.js';
import { Outcome } from './state.js';

export class ImageCheck {
  private readonly newer: boolean;

  constructor(
    private readonly s: ResolvedScenario,
    private readonly pkg: FirmwarePackage,
  ) {
    this.newer = isNewer(pkg.version, s.devices.firmwareVersion);
  }

  outcome(d: number, role: number, decoders: FleetDecoders): number {
    if (role === STATUS_INDEX.MemoryError) return Outcome.memoryError;
    if (role === STATUS_INDEX.MICError) return Outcome.micError;
    if (decoders.isSampled(d)) {
      const rebuilt = decoders.rebuilt(d);
      if (!rebuilt) return Outcome.micError;
      const r = verifyAndApply(this.pkg, rebuilt, this.s.devices.firmwareVersion);
      if (r.ok) return Outcome.success;
      return r.reason === 'not-newer' ? Outcome.refused : Outcome.micError;
    }
    if (this.s.firmware.tamperBytes > 0) return Outcome.micError;
    return this.newer ? Outcome.success : Outcome.refused;
  }
}
