package org.insurwatch.traffic;

/** A designated medical institution with premises, where patients are diagnosed offline. */
public record PhysicalInstitution(String id, String name, PoolingRegion region) {
}
