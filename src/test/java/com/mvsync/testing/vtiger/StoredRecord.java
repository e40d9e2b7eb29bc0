package com.mvsync.testing.vtiger;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One CRM record as the fake keeps it: header fields already rendered the way Vtiger returns them. Guarded by the store's lock. */
final class StoredRecord {
    final String module;
    final int crmid;
    final String id;
    final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();
    /**
     * The label as PHP computed it from the values entered (4-byte characters already "????", not cut to the fields'
     * columns: a productname cut to 100 keeps a 120-character label, 14_create_Products_productname_over_100_truncated.json).
     */
    String labelText = "";
    /** LineItems rows (inventory modules only), rendered like the retrieve answer. */
    final List<Map<String, Object>> lineItems = new ArrayList<>();
    /**
     * Group tax percentages tax1..tax3 of an inventory record: the first line item's (a header's tax1..tax3 are
     * ignored, and later lines' differing rates too: probed on a stock 8.2.0).
     */
    List<BigDecimal> groupTaxPercents = List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    /** Shipping tax percentages shtax1..shtax3 ({@code shtaxN_sh_percent} or {@code shipping_&_handling_shtaxN}). */
    List<BigDecimal> shippingTaxPercents = List.of(BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO);
    boolean shippingGiven;
    boolean deleted;
    /** Left behind by the hdnTaxType=individual PHP fatal: exists, but retrieve fails with HTTP 500. */
    boolean broken;

    StoredRecord(String module, String idPrefix, int crmid) {
        this.module = module;
        this.crmid = crmid;
        this.id = idPrefix + "x" + crmid;
    }
}
