package com.mvsync.sync;

import static com.mvsync.sync.Modules.ACCOUNTS;
import static com.mvsync.sync.Modules.CONTACTS;

import com.mvsync.mapping.FieldMapper;
import com.mvsync.mapping.RecordType;
import com.mvsync.store.EntityLink;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Writes an Organization's change in Vtiger back to its customer, only while the Organization is that customer's
 * personal one: written as personal by the customer's sync ({@link EntityLink#heldAlone}: named after the customer,
 * not after a company) and with no Contact in Vtiger but the customer's own. A company's Organization is shared by
 * its members and holds the company's name and address, while each member's default billing address in Magento is
 * their own: writing one CRM edit into every member's address book, or picking one member, would change customers
 * nobody edited. Such a change is noted, never written.
 * <p>
 * The write is the customer's ({@link CustomerWriteBack}: read, set the changed mapped paths, one {@code PUT}, no
 * echo, conflicts by the row's rule), from the Organization rows flowing back ({@code accountname} to
 * {@code default_billing.company}, {@code bill_*} to the default billing address, {@code ship_*} to the shipping one).
 * The Magento → Vtiger sync of the customer that write causes then brings the Contact in line (its mailing address
 * maps from the same default billing address).
 */
@ApplicationScoped
public class AccountWriteBack implements WriteBack {

    private final CustomerWriteBack customers;
    private final OrganizationMembers members;
    private final FieldMapper mapper;

    public AccountWriteBack(CustomerWriteBack customers, OrganizationMembers members, FieldMapper mapper) {
        this.customers = customers;
        this.members = members;
        this.mapper = mapper;
    }

    @Override
    public RecordType record() {
        return RecordType.ORGANIZATION;
    }

    @Override
    public List<String> nameFields() {
        return List.of("accountname");
    }

    @Override
    public String unlinkedMeans() {
        return "no customer's personal Organization (a company's, shared by its members, or linked to no customer)";
    }

    @Override
    public boolean writesBack(EntityLink link, String vtigerId) {
        return vtigerId.equals(link.heldAlone().get(ACCOUNTS));
    }

    @Override
    public WriteBackResult apply(VtigerChange change, EntityLink link) {
        if (FieldWriteBack.changed(mapper, RecordType.ORGANIZATION, change, link).isEmpty()) {
            return WriteBackResult.unchanged(link); // the sync's own write, or nothing mapped changed: no call
        }
        if (!writesBack(link, change.vtigerId())) {
            return WriteBackResult.unchanged(link).noted(ACCOUNTS + " " + change.vtigerId() + " is not this"
                    + " customer's personal Organization (a company's, shared by its members): its change is not"
                    + " written back to Magento");
        }
        if (members.sharedBeyond(change.vtigerId(), link.idOf(CONTACTS))) {
            return WriteBackResult.unchanged(link).noted(ACCOUNTS + " " + change.vtigerId() + " has Contacts in"
                    + " Vtiger besides this customer's: it is no longer personal, and its change is not written back"
                    + " to Magento");
        }
        return customers.apply(RecordType.ORGANIZATION, change, link);
    }
}
