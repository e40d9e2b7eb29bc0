package com.mvsync.testing.vtiger;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * Inventory arithmetic of Vtiger (group tax mode): line net = qty × listprice − line discount,
 * subtotal = Σ nets, after-discount = subtotal − header discount, pre_tax_total = after-discount + shipping,
 * grand total = after-discount + group tax + shipping + shipping tax + adjustment.
 */
final class LineItemCalculator {
    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private LineItemCalculator() {
    }

    record Line(BigDecimal quantity, BigDecimal listPrice, BigDecimal discountPercent, BigDecimal discountAmount) {
        BigDecimal gross() {
            return quantity.multiply(listPrice);
        }

        boolean percentDiscount() {
            return discountPercent.signum() > 0;
        }

        boolean amountDiscount() {
            return !percentDiscount() && discountAmount.signum() > 0;
        }

        BigDecimal discount() {
            if (percentDiscount()) {
                return gross().multiply(discountPercent).divide(HUNDRED, 8, RoundingMode.HALF_UP);
            }
            return amountDiscount() ? discountAmount : BigDecimal.ZERO;
        }

        BigDecimal net() {
            return gross().subtract(discount());
        }

        /** Reads a stored LineItems row ("2.000", "19.99000000", …). */
        static Line of(Map<String, Object> row) {
            return new Line(ValueFormat.num(row.get("quantity")), ValueFormat.num(row.get("listprice")),
                    ValueFormat.num(row.get("discount_percent")), ValueFormat.num(row.get("discount_amount")));
        }
    }

    record Totals(BigDecimal subTotal, BigDecimal discountPercent, BigDecimal discount, BigDecimal afterDiscount,
                  List<BigDecimal> taxPercents, BigDecimal taxTotal, BigDecimal shipping, BigDecimal shippingTax,
                  BigDecimal adjustment, BigDecimal preTaxTotal, BigDecimal grandTotal) {
        String discountType() {
            if (discountPercent.signum() > 0) {
                return "percentage";
            }
            return discount.signum() > 0 ? "amount" : "zero";
        }

        BigDecimal taxAmount(int i) {
            return afterDiscount.multiply(taxPercents.get(i)).divide(HUNDRED, 8, RoundingMode.HALF_UP);
        }
    }

    /**
     * @param headerDiscountPercent hdnDiscountPercent (wins over the amount when > 0)
     * @param headerDiscountAmount  hdnDiscountAmount
     * @param groupTaxPercents      tax1..tax3 percentages (group tax, the first line's); 0 when not given
     * @param shippingTaxPercents  shtax1..shtax3 percentages of the shipping amount
     */
    static Totals totals(List<Line> lines, Object headerDiscountPercent, Object headerDiscountAmount,
                         List<BigDecimal> groupTaxPercents, Object shipping, List<BigDecimal> shippingTaxPercents,
                         Object adjustment) {
        BigDecimal subTotal = lines.stream().map(Line::net).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal pct = ValueFormat.num(headerDiscountPercent);
        BigDecimal discount = pct.signum() > 0
                ? subTotal.multiply(pct).divide(HUNDRED, 8, RoundingMode.HALF_UP)
                : ValueFormat.num(headerDiscountAmount).max(BigDecimal.ZERO);
        BigDecimal afterDiscount = subTotal.subtract(discount);
        BigDecimal taxRate = groupTaxPercents.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal tax = afterDiscount.multiply(taxRate).divide(HUNDRED, 8, RoundingMode.HALF_UP);
        BigDecimal sh = ValueFormat.num(shipping);
        BigDecimal shTax = sh.multiply(shippingTaxPercents.stream().reduce(BigDecimal.ZERO, BigDecimal::add))
                .divide(HUNDRED, 8, RoundingMode.HALF_UP);
        BigDecimal adj = ValueFormat.num(adjustment);
        return new Totals(round(subTotal), pct, round(discount), round(afterDiscount), groupTaxPercents,
                round(tax), round(sh), round(shTax), round(adj), round(afterDiscount.add(sh)),
                round(afterDiscount.add(tax).add(sh).add(shTax).add(adj)));
    }

    /**
     * The columns' precision (decimal(25,8)): the webservice keeps every decimal, 3 × 3.333 less 7 % is stored as
     * 9.29907000 (checked against a stock 8.2.0); only the web UI rounds to the user's decimals.
     */
    private static BigDecimal round(BigDecimal v) {
        return v.setScale(8, RoundingMode.HALF_UP);
    }
}
