package org.insurwatch.traffic;

/**
 * How one visit chain is paid for.
 *
 * @param fundSharePercent the pooled fund's share of each drug line
 * @param personalAccountSharePercent the personal account's share of what the fund leaves
 */
record PaymentTerms(long consultationFeeFen, long deliveryFeeFen, int fundSharePercent,
                    int personalAccountSharePercent) {

    PaymentTerms withDeliveryFee(long fen) {
        return new PaymentTerms(consultationFeeFen, fen, fundSharePercent, personalAccountSharePercent);
    }
}
