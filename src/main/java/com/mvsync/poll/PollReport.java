package com.mvsync.poll;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** What one poll run did: per polled type, and the Magento requests in all (the poll's cost). */
@RegisterForReflection
public record PollReport(String startedAt, List<PollRun> types, int requests) {

    public PollReport {
        types = List.copyOf(types);
    }
}
