package io.reviewfetcher.emulator.google.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.reviewfetcher.emulator.data.Account;

/** Account Management v1 Account. Serialised by hand, hence registered. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AccountJson(String name, String accountName, String type, String role, String verificationState,
                          String vettedState, String accountNumber, String permissionLevel,
                          OrganizationInfo organizationInfo) {

    @RegisterForReflection
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record OrganizationInfo(String registeredDomain, String phoneNumber) {
    }

    public static AccountJson of(Account a) {
        OrganizationInfo org = a.registeredDomain() == null ? null
                : new OrganizationInfo(a.registeredDomain(), a.organizationPhone());
        return new AccountJson(a.name(), a.accountName(), a.type(), a.role(), a.verificationState(), a.vettedState(),
                a.accountNumber(), a.permissionLevel(), org);
    }
}
