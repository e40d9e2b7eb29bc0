package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

    /** Every customer record type: what a registration or an edit makes when no type is switched off. */
    public static final Set<RecordType> ALL = Set.of(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT);

    /** A guest buyer gets an Organization and a Contact, no Lead. */
    public static final Set<RecordType> GUEST = Set.of(RecordType.ORGANIZATION, RecordType.CONTACT);

    /**
     * @param updateLinked false for a registration (records already linked are left alone), true for an edit
     * @param types the record types to write (the admin can switch Leads, Organizations or Contacts off)
     */
    public SyncResult sync(String customerId, JsonNode customer, EntityLink link, boolean updateLinked,
            Set<RecordType> types) {
        List<RecordOutcome> outcomes = new ArrayList<>();
        RecordWriter.Written written = new RecordWriter.Written(null, link);

        if (types.contains(RecordType.LEAD)) {
            Fields lead = Fields.of(mapper, RecordType.LEAD, customer);
            written = writer.write(written.link(), "Leads", lead,
                    () -> RecordWriter.lookupQuery("Leads", Map.of("email", lead.all().getOrDefault("email", ""))),
                    updateLinked);
            outcomes.add(written.outcome());
        }

        String accountId = written.link().idOf("Accounts");
        if (types.contains(RecordType.ORGANIZATION)) {
            Fields organization = Fields.of(mapper, RecordType.ORGANIZATION, customer);
            written = writer.write(written.link(), "Accounts", organization,
                    () -> RecordWriter.lookupQuery("Accounts", organizationKey(customer, organization.all())),
                    updateLinked);
            outcomes.add(written.outcome());
            accountId = written.outcome().id();
        }

        if (types.contains(RecordType.CONTACT)) {
            Fields contact = Fields.of(mapper, RecordType.CONTACT, customer);
            if (accountId != null) {
                contact = contact.with("account_id", accountId);
            }
            Map<String, String> byEmail = Map.of("email", contact.all().getOrDefault("email", ""));
            written = writer.write(written.link(), "Contacts", contact,
                    () -> RecordWriter.lookupQuery("Contacts", byEmail), updateLinked);
            outcomes.add(written.outcome());
        }

        return new SyncResult("customer", customerId, List.copyOf(outcomes), List.of(), written.link());
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
