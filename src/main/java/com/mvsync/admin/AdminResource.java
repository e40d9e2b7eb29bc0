package com.mvsync.admin;

import java.util.List;

/** A part of the admin API: the routes it serves, which {@link AdminApi} puts in one table. */
public interface AdminResource {

    List<AdminRoute> routes();
}
