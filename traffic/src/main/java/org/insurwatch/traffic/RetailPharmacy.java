package org.insurwatch.traffic;

/**
 * A designated retail pharmacy that dispenses e-prescriptions.
 *
 * @param pricePercent its prices as a percentage of the catalogue's reference prices, from
 *     {@link #LOWEST_PRICE_PERCENT} to {@link #HIGHEST_PRICE_PERCENT}; pharmacies differ a little, never so much
 *     that the price rule should notice (108/95 is far below its 1.5)
 */
public record RetailPharmacy(String id, String name, PoolingRegion region, int pricePercent) {

    static final int LOWEST_PRICE_PERCENT = 95;
    static final int HIGHEST_PRICE_PERCENT = 108;

    long unitPriceFen(Drug drug) {
        return drug.priceFen(pricePercent);
    }
}
