package org.insurwatch.traffic;

/**
 * A drug of the catalogue, sold by the box.
 *
 * @param code national insurance drug code (invented, shaped like the real ones)
 * @param referencePriceFen the catalogue's reference price of one box
 * @param daysPerBox how long one box lasts at the usual dose, which turns days of supply into boxes
 * @param traceabilityPrefix the 7 digits that open every traceability code of this drug
 * @param indication the disease this drug is prescribed for in the world
 */
public record Drug(String code, String genericName, String specification, String unit, long referencePriceFen,
                   int daysPerBox, String traceabilityPrefix, Disease indication) {

    /** The name a prescription line shows: generic name and pack, as pharmacists read it. */
    String prescriptionName() {
        return genericName + " " + specification;
    }

    /** The price of one box at {@code percent} of the reference price, to the fen. */
    long priceFen(int percent) {
        return Math.round(referencePriceFen * percent / 100.0);
    }

    int boxesFor(int daysOfSupply) {
        return (daysOfSupply + daysPerBox - 1) / daysPerBox;
    }
}
