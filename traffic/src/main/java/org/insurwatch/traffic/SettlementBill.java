package org.insurwatch.traffic;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;
import org.insurwatch.schema.FeeItem;
import org.insurwatch.schema.FeeKind;
import org.insurwatch.schema.Fulfilment;

/** The fee items of a chain's settlement and how the fund, the personal account and cash share them. */
record SettlementBill(List<FeeItem> items, long totalFen, long fundFen, long personalAccountFen, long cashFen) {

    /** Price item code of the ordinary outpatient consultation fee (普通门诊诊察费), the item the caps apply to. */
    static final String CONSULTATION_FEE_ITEM = "110200001";
    static final String DELIVERY_FEE_ITEM = "DELIVERY";

    static SettlementBill of(VisitChain chain) {
        return of(chain, chain.fulfilment());
    }

    /** The chain's bill for a settlement that fulfils the prescription as {@code fulfilment} says. */
    static SettlementBill of(VisitChain chain, Fulfilment fulfilment) {
        PaymentTerms terms = chain.paymentTerms();
        List<FeeItem> items = new ArrayList<>();
        items.add(item(FeeKind.CONSULTATION_FEE, CONSULTATION_FEE_ITEM, 1, chain.consultationFeeFen(),
                chain.consultationFeeFen(), 0));
        for (PrescribedDrug line : chain.drugs()) {
            long unitPrice = chain.unitPriceFen(line.drug());
            long amount = unitPrice * line.boxes();
            long fund = amount * terms.fundSharePercent() / 100;
            long account = (amount - fund) * terms.personalAccountSharePercent() / 100;
            items.add(item(FeeKind.DRUG, line.drug().code(), line.boxes(), unitPrice, fund, account));
        }
        if (fulfilment == Fulfilment.HOME_DELIVERY) {
            // delivery is no medical service: neither the fund nor the personal account may pay for it, unless
            // a scenario makes them (PAY-DELIVERY-FEE)
            items.add(item(FeeKind.DELIVERY_FEE, DELIVERY_FEE_ITEM, 1, terms.deliveryFeeFen(),
                    chain.deliveryFeeFundFen(), chain.deliveryFeeAccountFen()));
        }
        long fund = sum(items, FeeItem::getFundFen);
        long account = sum(items, FeeItem::getPersonalAccountFen);
        long cash = sum(items, FeeItem::getCashFen);
        if (chain.misstatedPart() != null) {
            // off by the amount, in the direction that keeps the part from going negative (PAY-AMOUNT-MISMATCH)
            long by = chain.misstatedByFen();
            switch (chain.misstatedPart()) {
                case FUND -> fund = misstate(fund, by);
                case PERSONAL_ACCOUNT -> account = misstate(account, by);
                case CASH -> cash = misstate(cash, by);
            }
        }
        return new SettlementBill(items, sum(items, FeeItem::getAmountFen), fund, account, cash);
    }

    private static long misstate(long part, long byFen) {
        return part + byFen >= 0 ? part + byFen : part + Math.abs(byFen);
    }

    private static FeeItem item(FeeKind kind, String code, int quantity, long unitPriceFen, long fundFen,
                                long personalAccountFen) {
        long amount = unitPriceFen * quantity;
        return new FeeItem(kind, code, quantity, unitPriceFen, amount, fundFen, personalAccountFen,
                amount - fundFen - personalAccountFen);
    }

    private static long sum(List<FeeItem> items, ToLongFunction<FeeItem> part) {
        return items.stream().mapToLong(part).sum();
    }
}
