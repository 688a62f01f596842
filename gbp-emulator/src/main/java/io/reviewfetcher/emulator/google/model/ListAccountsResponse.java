package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** accounts.list response. Serialised by hand, hence registered. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ListAccountsResponse(List<AccountJson> accounts, String nextPageToken) {
}
