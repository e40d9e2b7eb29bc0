package com.mvsync.testing;

import com.mvsync.settings.SettingsStore;
import com.mvsync.settings.SettingsUpdate;
import com.mvsync.settings.RecordPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;

/** Sets the stored record policy the way the admin API does, and puts the default back after a test. */
@ApplicationScoped
public class Policies {

    private final SettingsStore settings;

    public Policies(SettingsStore settings) {
        this.settings = settings;
    }

    public void set(RecordPolicy policy) {
        settings.update(new SettingsUpdate(Map.of(), SettingsUpdate.RecordsPatch.of(policy)));
    }

    public void reset() {
        set(RecordPolicy.DEFAULT);
    }
}
