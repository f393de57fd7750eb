package org.insurwatch.jobs.rules.delivery;

import org.insurwatch.schema.DeliveryStatus;
import org.insurwatch.schema.Logistics;

/** Where drugs leave the pharmacy: the dispatch of a delivery, or the hand-over of a pick-up. The later scans carry the same codes. */
final class DispensedDrugs {
    private DispensedDrugs() {
    }

    static boolean isDispensing(Logistics l) {
        return l.getStatus() == DeliveryStatus.DISPATCHED || l.getStatus() == DeliveryStatus.PICKED_UP;
    }
}
