package com.mvsync.settings;

/** The record policy in force (cached like the rest of the settings). */
public interface RecordPolicySource {

    RecordPolicy recordPolicy();
}
