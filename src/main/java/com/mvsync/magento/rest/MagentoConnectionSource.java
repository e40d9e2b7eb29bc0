package com.mvsync.magento.rest;

/** The Magento connection to use right now; asked before every call, so it must answer cheaply (cached). */
@FunctionalInterface
public interface MagentoConnectionSource {

    MagentoConnection magentoConnection();
}
