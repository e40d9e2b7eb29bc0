package com.mvsync.magento;

import java.util.Arrays;
import java.util.Optional;
import java.util.function.Function;

/**
 * Which Magento event names carry which entity, and what the name alone says about the action: read from the
 * registry ({@link EntityType#observerEvents()}, {@link EntityType#mageplazaHooks()}).
 */
final class EventNames {

    /** @param actionHint CREATED/UPDATED/DELETED when the event name decides it, else UNKNOWN (decided from the payload) */
    record Route(EntityType entityType, EventAction actionHint) {
    }

    private static final String IO_PREFIX = "com.adobe.commerce.";

    private EventNames() {
    }

    /** "com.adobe.commerce.observer.x" (I/O Events type) and "observer.x" both become "observer.x". */
    static String normaliseObserverName(String name) {
        String trimmed = name.trim();
        if (trimmed.startsWith(IO_PREFIX)) {
            trimmed = trimmed.substring(IO_PREFIX.length());
        }
        return trimmed.startsWith("observer.") ? trimmed : "observer." + trimmed;
    }

    static Route observerRoute(String normalisedName, EntityType expected) {
        String bare = normalisedName.substring("observer.".length());
        return checked(find(bare, EntityType::observerEvents), normalisedName, expected);
    }

    static Route mageplazaRoute(String event, EntityType expected) {
        return checked(find(event, EntityType::mageplazaHooks), event, expected);
    }

    private static Optional<Route> find(String name,
            Function<EntityType, java.util.List<EntityType.EventName>> names) {
        return Arrays.stream(EntityType.values())
                .flatMap(t -> names.apply(t).stream().filter(e -> e.name().equals(name))
                        .map(e -> new Route(t, e.action())))
                .findFirst();
    }

    private static Route checked(Optional<Route> route, String name, EntityType expected) {
        Route found = route.orElseThrow(() -> new InvalidPayloadException("unsupported event '" + name
                + "'; this endpoint takes " + expected.label() + " events such as " + expected.eventExamples(false)));
        if (found.entityType() != expected) {
            throw new InvalidPayloadException("this endpoint takes " + expected.label() + " events; got " + name
                    + " (a " + found.entityType().label() + " event); send it to the "
                    + found.entityType().label() + " endpoint");
        }
        return found;
    }
}
