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
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Magento customer becomes a Lead, an Organization (module Accounts) and a Contact linked to that Organization.
 * Only the Contact depends on another record (it carries the Organization's id), so the three lookups are made at
 * once, then the Lead and the Organization are written at once, then the Contact. Each record is remembered as soon as
 * it exists (see {@link SyncFailedException}): when one of the two parallel writes fails, the other's record is in the
 * failure's partial link, and the retry completes the rest without making it again.
 * <p>
 * An unlinked customer's records are looked up by e-mail (a company's Organization by name), unless Magento keeps
 * accounts per website on a store of several websites ({@link WebsiteAccounts}): then one e-mail on two websites is
 * two customers, and a record found by it alone could be the other's. The Lead and the Contact are then looked up by
 * e-mail and the description naming this customer's Magento id (what the built-in rows write, so an attempt that
 * made the record and died before its link is found again), and a personal Organization is made for the customer (a
 * company's Organization is still shared by name).
 */
@ApplicationScoped
public class CustomerSync implements EntityRules {

    private final FieldMapper mapper;
    private final RecordWriter writer;
    private final RecordPolicySource policies;
    private final Branches branches;
    private final WebsiteAccounts accounts;

    public CustomerSync(FieldMapper mapper, RecordWriter writer, RecordPolicySource policies, Branches branches,
            WebsiteAccounts accounts) {
        this.mapper = mapper;
        this.writer = writer;
        this.policies = policies;
        this.branches = branches;
        this.accounts = accounts;
    }

    /** Every customer record type: what a registration or an edit makes when no type is switched off. */
    public static final Set<RecordType> ALL = Set.of(RecordType.LEAD, RecordType.ORGANIZATION, RecordType.CONTACT);

    /** A guest buyer gets an Organization and a Contact, no Lead. */
    public static final Set<RecordType> GUEST = Set.of(RecordType.ORGANIZATION, RecordType.CONTACT);

    /** One record to write: its fields, how it is found when unlinked, and its name when the name is taken. */
    private record Step(RecordType type, Fields fields, RecordWriter.Lookup lookup,
            Optional<RecordWriter.WhenTaken> whenTaken) {
        String module() {
            return type.module();
        }

        Step answered(RecordWriter.Lookup answer) {
            return new Step(type, fields, answer, whenTaken);
        }
    }

    @Override
    public EntityType type() {
        return EntityType.CUSTOMER;
    }

    @Override
    public SyncResult sync(EntityType.Webhook route, String id, JsonNode entity, EntityLink link,
            Set<RecordType> types) {
        return sync(id, entity, link, route.kind() != EntityType.Webhook.Kind.CREATE, types);
    }

    @Override
    public List<Draft> draft(JsonNode entity) {
        // As sync: a Lead, an Organization, and a Contact linked to that Organization.
        return List.of(new Draft(RecordType.LEAD, Fields.of(mapper, RecordType.LEAD, entity)),
                new Draft(RecordType.ORGANIZATION, Fields.of(mapper, RecordType.ORGANIZATION, entity)),
                new Draft(RecordType.CONTACT, Fields.of(mapper, RecordType.CONTACT, entity)
                        .with("account_id", SyncPreview.LINKED)));
    }

    /**
     * @param updateLinked false for a registration (records already linked are left alone), true for an edit
     * @param types the record types to write (the admin can switch Leads, Organizations or Contacts off)
     */
    public SyncResult sync(String customerId, JsonNode customer, EntityLink link, boolean updateLinked,
            Set<RecordType> types) {
        List<Step> independent = new ArrayList<>();
        boolean perWebsite = accounts.perWebsite();
        if (types.contains(RecordType.LEAD)) {
            Fields lead = Fields.of(mapper, RecordType.LEAD, customer);
            independent.add(new Step(RecordType.LEAD, lead, byEmail(perWebsite, lead, customer), Optional.empty()));
        }
        OrganizationKey key = null;
        if (types.contains(RecordType.ORGANIZATION)) {
            Fields organization = Fields.of(mapper, RecordType.ORGANIZATION, customer);
            key = organizationKey(customer, organization.all());
            // A company's Organization is shared by its members: the write rule when-empty-if-shared (the default
            // of the fields taken from the member) keeps the first member's e-mail rather than the latest's.
            independent.add(new Step(RecordType.ORGANIZATION, organization.sharedRecord(key.shared()),
                    perWebsite && !key.shared() ? RecordWriter.Lookup.NONE : RecordWriter.Lookup.by(key.criteria()),
                    key.whenTaken()));
        }
        Step contact = null;
        if (types.contains(RecordType.CONTACT)) {
            Fields fields = Fields.of(mapper, RecordType.CONTACT, customer);
            // The Contact gets the Organization's id whenever there is an Organization: linked, or written below.
            // Its lookup is made before that id is known, with the field in place, so it asks what the write would.
            boolean withAccount = types.contains(RecordType.ORGANIZATION)
                    || link.idOf(RecordType.ORGANIZATION.module()) != null;
            contact = new Step(RecordType.CONTACT, withAccount ? fields.with("account_id", "") : fields,
                    byEmail(perWebsite, fields, customer), Optional.empty());
        }

        List<Step> all = new ArrayList<>(independent);
        if (contact != null) {
            all.add(contact);
        }
        List<Step> looked = lookUp(link, all);
        List<Step> first = looked.subList(0, independent.size());

        List<RecordOutcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        EntityLink made = link;
        RuntimeException failure = null;
        List<Branches.Branch<RecordWriter.Written>> written = branches.all(first.stream()
                .map(step -> (Supplier<RecordWriter.Written>) () -> writer.write(link, step.module(), step.fields(),
                        step.lookup(), updateLinked, step.whenTaken()))
                .toList());
        for (int i = 0; i < first.size(); i++) {
            Branches.Branch<RecordWriter.Written> branch = written.get(i);
            if (branch.failed()) {
                failure = failure == null ? branch.failure() : failure;
                continue;
            }
            outcomes.add(branch.value().outcome());
            notes.addAll(branch.value().notes());
            made = merged(made, branch.value().link(), first.get(i).module(), link);
        }
        if (failure != null) {
            throw withPartialLink(failure, made);
        }
        if (key != null) {
            // Only a personal Organization flows back to Magento (two-way sync, AccountWriteBack): marked so, its
            // commit records the customer as its holder; a company's, shared by its members, never.
            made = made.holdingAlone(RecordType.ORGANIZATION.module(), !key.shared());
        }

        if (contact != null) {
            Step step = looked.get(looked.size() - 1);
            String accountId = made.idOf(RecordType.ORGANIZATION.module());
            Fields fields = Fields.of(mapper, RecordType.CONTACT, customer);
            if (accountId != null) {
                fields = fields.with("account_id", accountId);
            }
            RecordWriter.Written done = writer.write(made, step.module(), fields, step.lookup(), updateLinked);
            outcomes.add(done.outcome());
            notes.addAll(done.notes());
            made = done.link();
        }
        return new SyncResult(EntityType.CUSTOMER, customerId, List.copyOf(outcomes), notes, made);
    }

    /**
     * A person's record is found by e-mail; where an e-mail may be another website's customer's, by e-mail and the
     * description naming this customer's id ({@code Magento customer #42}), else not at all.
     */
    private static RecordWriter.Lookup byEmail(boolean perWebsite, Fields fields, JsonNode customer) {
        String email = fields.all().getOrDefault("email", "");
        if (!perWebsite) {
            return RecordWriter.Lookup.by(Map.of("email", email));
        }
        String description = fields.all().getOrDefault("description", "");
        String id = customer.path("id").asText("");
        if (id.isEmpty() || !Pattern.compile("#" + Pattern.quote(id) + "\\b").matcher(description).find()) {
            return RecordWriter.Lookup.NONE;
        }
        Map<String, String> criteria = new LinkedHashMap<>();
        criteria.put("email", email);
        criteria.put("description", description);
        return RecordWriter.Lookup.by(criteria);
    }

    /** The lookups of the steps whose record is unlinked, made at once; the steps carry their answers. */
    private List<Step> lookUp(EntityLink link, List<Step> steps) {
        List<Step> out = new ArrayList<>(steps);
        List<Integer> queried = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (link.idOf(step.module()) == null && step.lookup().query() && step.lookup().usable()) {
                queried.add(i);
            }
        }
        List<RecordWriter.Lookup> answers = Branches.valuesOrThrow(branches.all(queried.stream()
                .map(i -> (Supplier<RecordWriter.Lookup>) () -> writer.lookUp(link, steps.get(i).module(),
                        steps.get(i).fields(), steps.get(i).lookup()))
                .toList()));
        for (int j = 0; j < queried.size(); j++) {
            out.set(queried.get(j), steps.get(queried.get(j)).answered(answers.get(j)));
        }
        return out;
    }

    /** {@code into} with what {@code written} holds of {@code module}, when the write changed it from {@code before}. */
    private static EntityLink merged(EntityLink into, EntityLink written, String module, EntityLink before) {
        String id = written.idOf(module);
        boolean unchanged = id != null && id.equals(before.idOf(module))
                && written.lastWrittenTo(module).equals(before.lastWrittenTo(module));
        if (id == null || unchanged) {
            return into;
        }
        return into.with(module, id, written.lastWrittenTo(module));
    }

    /** The failure of one parallel write, remembering the records the others made. */
    private static RuntimeException withPartialLink(RuntimeException failure, EntityLink made) {
        if (failure instanceof SyncFailedException failed) {
            return new SyncFailedException(failed.module(), made, failed.vtigerError());
        }
        if (failure instanceof RecordRefusedException refused) {
            return new RecordRefusedException(refused.getMessage(), made);
        }
        return failure;
    }

    /**
     * The lookups {@link #sync} makes for this customer's records that {@code link} does not link yet, as a batch can
     * make them in bulk beforehand ({@link BatchLookup}): the same identities and compared columns.
     */
    public List<BatchLookup.Wanted> lookups(JsonNode customer, EntityLink link, Set<RecordType> types) {
        List<BatchLookup.Wanted> wanted = new ArrayList<>();
        boolean perWebsite = accounts.perWebsite();
        if (types.contains(RecordType.LEAD) && link.idOf(RecordType.LEAD.module()) == null && !perWebsite) {
            Fields lead = Fields.of(mapper, RecordType.LEAD, customer);
            wanted.add(new BatchLookup.Wanted(RecordType.LEAD.module(),
                    Map.of("email", lead.all().getOrDefault("email", "")), lead.determined().keySet()));
        }
        if (types.contains(RecordType.ORGANIZATION) && link.idOf(RecordType.ORGANIZATION.module()) == null) {
            Fields organization = Fields.of(mapper, RecordType.ORGANIZATION, customer);
            OrganizationKey key = organizationKey(customer, organization.all());
            if (key.shared() || !perWebsite) {
                wanted.add(new BatchLookup.Wanted(RecordType.ORGANIZATION.module(), key.criteria(),
                        organization.determined().keySet()));
            }
        }
        if (types.contains(RecordType.CONTACT) && link.idOf(RecordType.CONTACT.module()) == null && !perWebsite) {
            // account_id: the Organization's id, which the sync adds (compared on first link).
            Fields contact = Fields.of(mapper, RecordType.CONTACT, customer).with("account_id", "");
            wanted.add(new BatchLookup.Wanted(RecordType.CONTACT.module(),
                    Map.of("email", contact.all().getOrDefault("email", "")), contact.determined().keySet()));
        }
        return wanted;
    }

    /** How an Organization is found, and what it is named when its name is taken by a stranger's. */
    private record OrganizationKey(Map<String, String> criteria, Optional<RecordWriter.WhenTaken> whenTaken,
            boolean shared) {
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
            return new OrganizationKey(Map.of("accountname", name), Optional.empty(), true);
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
                : Optional.of(new RecordWriter.WhenTaken("accountname", alternative, alternativeCriteria)), false);
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
