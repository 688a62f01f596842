package io.reviewfetcher.ingress.push;

/** A push whose token is not our push subscription's: answered 401, nothing published. Never carries the token. */
public class PushTokenRejected extends RuntimeException {

    /** Why, in words safe to log and to answer: none names a value of the token. */
    public enum Reason {
        MISSING("no Authorization header"),
        MALFORMED_HEADER("the Authorization header is not 'Bearer <token>'"),
        INVALID("the token is not a JWT signed with one of Google's keys"),
        UNKNOWN_KEY("the token's signing key is not one of Google's (or Google's keys could not be fetched)"),
        EXPIRED("the token has expired"),
        WRONG_AUDIENCE("the token is for another audience"),
        WRONG_ISSUER("the token was not issued by Google"),
        WRONG_ACCOUNT("the token is not the push subscription's service account's"),
        EMAIL_NOT_VERIFIED("the token's email is not verified");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    private final Reason reason;

    public PushTokenRejected(Reason reason) {
        super(reason.words(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
