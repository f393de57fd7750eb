package org.insurwatch.traffic;

import java.util.List;

/**
 * An internet hospital, always run by a physical institution (000 art.3), with the pharmacists who review
 * its prescriptions.
 */
public record InternetHospital(String id, String name, PhysicalInstitution owner, List<String> pharmacistIds) {

    public PoolingRegion region() {
        return owner.region();
    }
}
