package org.insurwatch.traffic;

/**
 * A designated retail pharmacy that dispenses e-prescriptions.
 *
 * @param pricePercent its prices as a percentage of the catalogue's reference prices; pharmacies differ a
 *     little, never so much that the price rule should notice
 */
public record RetailPharmacy(String id, String name, PoolingRegion region, int pricePercent) {

    long unitPriceFen(Drug drug) {
        return Math.round(drug.referencePriceFen() * pricePercent / 100.0);
    }
}
