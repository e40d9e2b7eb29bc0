package com.mvsync.sync;

import com.mvsync.vtiger.VtigerClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether an Organization has Contacts besides a customer's own: a company's Organization is shared by its members
 * (see {@link CustomerSync}), and CRM users may add Contacts to any. One query, two rows at most.
 */
@ApplicationScoped
public class OrganizationMembers {

    private final VtigerClient vtiger;

    public OrganizationMembers(VtigerClient vtiger) {
        this.vtiger = vtiger;
    }

    /** Whether a Contact other than {@code ownContactId} (null: none is the customer's) belongs to the Organization. */
    public boolean sharedBeyond(String accountId, String ownContactId) {
        return vtiger.query("SELECT id FROM Contacts WHERE account_id = " + VtigerClient.quote(accountId)
                + " LIMIT 2;").stream().anyMatch(row -> !row.path("id").asText().equals(ownContactId));
    }
}
