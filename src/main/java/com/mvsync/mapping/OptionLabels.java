package com.mvsync.mapping;

/**
 * Where {@code label(custom_attributes.code)} learns an attribute's option labels: Magento's attribute metadata of the
 * entity type that feeds a record type (customers for Leads, Organizations and Contacts; products for Products), in
 * the store view the Magento connection reads. A seam: the sync layer asks Magento, tests give fixed answers.
 */
@FunctionalInterface
public interface OptionLabels {

    /** Labels no row can be given: every {@code label(…)} is left out with this note. */
    OptionLabels NONE = (type, code) -> AttributeOptions.unavailable(code,
            "no Magento connection is given to read its option labels");

    /**
     * The attribute as Magento describes it, or {@link AttributeOptions#unavailable} with the reason.
     *
     * @throws RuntimeException the implementation's own when Magento cannot be asked now (the sync is retried)
     */
    AttributeOptions attribute(RecordType type, String code);
}
