package com.mvsync.magento;

/** How the sender wrapped the entity. */
public enum EnvelopeKind {
    /** Adobe I/O Events CloudEvent: {@code specversion}, {@code type}, entity in {@code data.value}. */
    ADOBE_IO_EVENTS,
    /** Adobe Commerce Webhooks module: {@code {"eventName", "data": {"<entity>": {...}}}}. */
    ADOBE_COMMERCE_WEBHOOK,
    /** Mageplaza Webhook extension: flat, merchant-templated body with an {@code event} key. */
    MAGEPLAZA,
    /** Bare Magento REST API entity (as returned by {@code GET /V1/...}). */
    REST
}
