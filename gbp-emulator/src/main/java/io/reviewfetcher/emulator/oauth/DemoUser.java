package io.reviewfetcher.emulator.oauth;

/** The one Google user of the emulator: owner or manager of every account in the data set. */
public final class DemoUser {

    public static final String SUBJECT = "108234567890123456789";
    public static final String EMAIL = "demo.owner@example.com";

    private DemoUser() {
    }
}
