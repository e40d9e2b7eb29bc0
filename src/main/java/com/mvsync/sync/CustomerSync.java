package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Magento customer becomes a Lead, an Organization (module Accounts) and a Contact linked to that Organization.
 * Records are written in that order and each is remembered as soon as it exists (see {@link SyncFailedException}).
 */
@ApplicationScoped
public class CustomerSync {

    private final FieldMapper mapper;
    private final RecordWriter writer;

    public CustomerSync(FieldMapper mapper, RecordWriter writer) {
        this.mapper = mapper;
        this.writer = writer;
    }

    public static String entityKey(String customerId) {
        return "customer#" + customerId;
    }

    /**
     * @param updateLinked false for a registration (records already linked are left alone), true for an edit
     */
    public SyncResult sync(String customerId, JsonNode customer, EntityLink link, boolean updateLinked) {
        return sync(customerId, customer, link, updateLinked, true);
    }

    /** @param withLead false for a guest buyer, who gets an Organization and a Contact but no Lead */
    public SyncResult sync(String customerId, JsonNode customer, EntityLink link, boolean updateLinked,
            boolean withLead) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        RecordWriter.Written written = new RecordWriter.Written(null, link);

        if (withLead) {
            Fields lead = Fields.of(mapper, RecordType.LEAD, customer);
            written = writer.write(link, "Leads", lead,
                    () -> RecordWriter.lookupQuery("Leads", Map.of("email", lead.all().getOrDefault("email", ""))),
                    updateLinked);
            outcomes.add(written.outcome());
        }

        Fields organization = Fields.of(mapper, RecordType.ORGANIZATION, customer);
        written = writer.write(written.link(), "Accounts", organization,
                () -> RecordWriter.lookupQuery("Accounts", organizationKey(customer, organization.all())), updateLinked);
        outcomes.add(written.outcome());
        String accountId = written.outcome().id();

        Fields contact = Fields.of(mapper, RecordType.CONTACT, customer).with("account_id", accountId);
        written = writer.write(written.link(), "Contacts", contact,
                () -> RecordWriter.lookupQuery("Contacts", Map.of("email", contact.all().getOrDefault("email", ""))),
                updateLinked);
        outcomes.add(written.outcome());

        return new SyncResult("customer", customerId, List.copyOf(outcomes), notes, written.link());
    }

    /**
     * A company Organization is shared by everyone of that company, so it is matched by name alone; one named after
     * a person is matched by name and email, so two customers who share a name do not share an Organization.
     */
    private static Map<String, String> organizationKey(JsonNode customer, Map<String, String> organization) {
        String name = organization.getOrDefault("accountname", "");
        boolean isCompany = !customer.path("addresses").findValuesAsText("company").isEmpty()
                && name.equals(firstCompany(customer));
        if (isCompany) {
            return Map.of("accountname", name);
        }
        return Map.of("accountname", name, "email1", organization.getOrDefault("email1", ""));
    }

    private static String firstCompany(JsonNode customer) {
        for (JsonNode address : customer.path("addresses")) {
            String company = address.path("company").asText("");
            if (!company.isBlank()) {
                return company;
            }
        }
        return null;
    }
}
