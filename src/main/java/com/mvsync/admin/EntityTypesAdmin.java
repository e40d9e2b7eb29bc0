package com.mvsync.admin;

import com.mvsync.magento.EntityType;
import com.mvsync.mapping.RecordType;
import com.mvsync.settings.SyncType;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The registry as the console needs it, so its menus (types to switch on, backfills, poll sources, preview, report
 * filters, mapping row types) are built from the same table as the functions, never from lists of their own:
 * <pre>
 *   GET /admin/entity-types    every Magento entity type, what it feeds and can do; every mapping record type
 * </pre>
 */
@ApplicationScoped
public class EntityTypesAdmin implements AdminResource {

    static final String ENTITY_TYPES = "/admin/entity-types";

    /** One admin switch of a type: a kind of Vtiger record it feeds. */
    @RegisterForReflection
    public record Switch(String name, String label) {
    }

    /** One webhook route: its path and what its events may do. */
    @RegisterForReflection
    public record Webhook(String export, String path, String kind) {
    }

    /**
     * @param searchable whether Magento's REST API lists the type, so it can be backfilled ("Add all … to queue") and
     *     polled
     * @param adminPage the entity's page below Magento's admin URL, {@code {id}} for its id; null when there is none
     */
    @RegisterForReflection
    public record Entity(String type, String label, String idField, boolean searchable, boolean deletable,
            List<Switch> syncTypes, List<Webhook> webhooks, String adminPage) {
    }

    /** A kind of mapping row: the Vtiger module it writes to, and whether it only revises records others made. */
    @RegisterForReflection
    public record Record(String name, String label, String module, boolean revisesOnly) {
    }

    @RegisterForReflection
    public record Registry(List<Entity> entities, List<Record> recordTypes) {
    }

    private final AdminHttp http;
    private final Registry registry;

    public EntityTypesAdmin(AdminHttp http) {
        this.http = http;
        this.registry = new Registry(Arrays.stream(EntityType.values()).map(EntityTypesAdmin::entity).toList(),
                Arrays.stream(RecordType.values()).map(r -> new Record(r.name(), r.label(), r.module(),
                        r.revisesOnly())).toList());
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.of("GET", ENTITY_TYPES, (request, p) -> http.ok(200, registry)));
    }

    private static Entity entity(EntityType type) {
        return new Entity(type.label(), type.pluralLabel(), type.restIdField(), type.polls(), type.deletable(),
                SyncType.of(type).stream().map(s -> new Switch(s.name(), s.recordType().label() + "s")).toList(),
                type.webhooks().stream().map(w -> new Webhook(w.export(), w.path(),
                        w.kind().name().toLowerCase(Locale.ROOT))).toList(), type.adminPage().orElse(null));
    }
}
