package com.mvsync.sync;

import com.fasterxml.jackson.databind.JsonNode;
import com.mvsync.magento.EntityType;
import com.mvsync.mapping.AddressResolver;
import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.PathExpression;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.RecordPolicySource;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Magento customer becomes a Lead, an Organization (module Accounts) and a Contact linked to that Organization.
 * Records are written in that order and each is remembered as soon as it exists (see {@link SyncFailedException}).
 */
@ApplicationScoped
public class CustomerSync {

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final RecordPolicySource policies;

    public CustomerSync(FieldMapper mapper, RecordWriter writer, RecordPolicySource policies) {
        this.mapper = mapper;
        this.writer = writer;
        this.policies = policies;
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
        List<String> notes = new ArrayList<>();
        RecordWriter.Written written = new RecordWriter.Written(null, link);

        if (types.contains(RecordType.LEAD)) {
            Fields lead = Fields.of(mapper, RecordType.LEAD, customer);
            written = writer.write(written.link(), RecordType.LEAD.module(), lead,
                    RecordWriter.Lookup.by(Map.of("email", lead.all().getOrDefault("email", ""))), updateLinked);
            outcomes.add(written.outcome());
            notes.addAll(written.notes());
        }

        String accountId = written.link().idOf(RecordType.ORGANIZATION.module());
        if (types.contains(RecordType.ORGANIZATION)) {
            Fields organization = Fields.of(mapper, RecordType.ORGANIZATION, customer);
            OrganizationKey key = organizationKey(customer, organization.all());
            written = writer.write(written.link(), RecordType.ORGANIZATION.module(), organization,
                    RecordWriter.Lookup.by(key.criteria()), updateLinked, key.whenTaken());
            outcomes.add(written.outcome());
            notes.addAll(written.notes());
            accountId = written.outcome().id();
        }

        if (types.contains(RecordType.CONTACT)) {
            Fields contact = Fields.of(mapper, RecordType.CONTACT, customer);
            if (accountId != null) {
                contact = contact.with("account_id", accountId);
            }
            Map<String, String> byEmail = Map.of("email", contact.all().getOrDefault("email", ""));
            written = writer.write(written.link(), RecordType.CONTACT.module(), contact,
                    RecordWriter.Lookup.by(byEmail), updateLinked);
            outcomes.add(written.outcome());
            notes.addAll(written.notes());
        }

        return new SyncResult(EntityType.CUSTOMER, customerId, List.copyOf(outcomes), notes, written.link());
    }

    /**
     * The lookups {@link #sync} makes for this customer's records that {@code link} does not link yet, as a batch can
     * make them in bulk beforehand ({@link BatchLookup}): the same identities and compared columns.
     */
    public List<BatchLookup.Wanted> lookups(JsonNode customer, EntityLink link, Set<RecordType> types) {
        List<BatchLookup.Wanted> wanted = new ArrayList<>();
        if (types.contains(RecordType.LEAD) && link.idOf(RecordType.LEAD.module()) == null) {
            Fields lead = Fields.of(mapper, RecordType.LEAD, customer);
            wanted.add(new BatchLookup.Wanted(RecordType.LEAD.module(),
                    Map.of("email", lead.all().getOrDefault("email", "")), lead.determined().keySet()));
        }
        if (types.contains(RecordType.ORGANIZATION) && link.idOf(RecordType.ORGANIZATION.module()) == null) {
            Fields organization = Fields.of(mapper, RecordType.ORGANIZATION, customer);
            wanted.add(new BatchLookup.Wanted(RecordType.ORGANIZATION.module(),
                    organizationKey(customer, organization.all()).criteria(), organization.determined().keySet()));
        }
        if (types.contains(RecordType.CONTACT) && link.idOf(RecordType.CONTACT.module()) == null) {
            // account_id: the Organization's id, which the sync adds (compared on first link).
            Fields contact = Fields.of(mapper, RecordType.CONTACT, customer).with("account_id", "");
            wanted.add(new BatchLookup.Wanted(RecordType.CONTACT.module(),
                    Map.of("email", contact.all().getOrDefault("email", "")), contact.determined().keySet()));
        }
        return wanted;
    }

    /** How an Organization is found, and what it is named when its name is taken by a stranger's. */
    private record OrganizationKey(Map<String, String> criteria, Optional<RecordWriter.WhenTaken> whenTaken) {
    }

    /**
     * A company Organization is shared by everyone of that company, so it is matched by name alone; one named after
     * a person is matched by name and email, so two customers who share a name do not share an Organization.
     */
    private OrganizationKey organizationKey(JsonNode customer, Map<String, String> organization) {
        String name = organization.getOrDefault("accountname", "");
        boolean isCompany = !customer.path("addresses").findValuesAsText("company").isEmpty()
                && name.equals(firstCompany(customer));
        if (isCompany) {
            return new OrganizationKey(Map.of("accountname", name), Optional.empty());
        }
        // Vtiger's Duplicate Prevention refuses a second Organization of the same name (stock 8.2.0: accountname is
        // unique, case-insensitively): another "Maria Garcia" gets her own, named by the record policy.
        String email = organization.getOrDefault("email1", "");
        String alternative = PathExpression.parse(policies.recordPolicy().organizationNameWhenTaken())
                .evaluate(customer, AddressResolver.REST);
        Map<String, String> criteria = new LinkedHashMap<>();
        criteria.put("accountname", name);
        criteria.put("email1", email);
        Map<String, String> alternativeCriteria = new LinkedHashMap<>();
        alternativeCriteria.put("accountname", alternative);
        alternativeCriteria.put("email1", email);
        return new OrganizationKey(criteria, alternative.isBlank() || alternative.equals(name) ? Optional.empty()
                : Optional.of(new RecordWriter.WhenTaken("accountname", alternative, alternativeCriteria)));
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
