package org.caseexchange.gateway.web.account;

import java.time.Clock;
import java.util.Optional;
import org.caseexchange.gateway.audit.AuditEvent;
import org.caseexchange.gateway.audit.AuditEventType;
import org.caseexchange.gateway.audit.AuditLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.authentication.event.LogoutSuccessEvent;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every sign-in, failed sign-in, lock-out and sign-out is an audit entry. A failed password counts
 * towards the account's back-off and lock-out. A name that is no account is recorded as
 * {@code unknown}: what someone typed there may be a password.
 */
class SignInEvents {

    static final String UNKNOWN = "unknown";

    private static final Logger log = LoggerFactory.getLogger(SignInEvents.class);

    private final Accounts accounts;
    private final SignInPolicy policy;
    private final AuditLog audit;
    private final TransactionTemplate transactions;
    private final Clock clock;

    SignInEvents(
            Accounts accounts, SignInPolicy policy, AuditLog audit, TransactionTemplate transactions, Clock clock) {
        this.accounts = accounts;
        this.policy = policy;
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @EventListener
    void signedIn(AuthenticationSuccessEvent event) {
        String name = event.getAuthentication().getName();
        transactions.executeWithoutResult(status -> {
            accounts.succeeded(name);
            audit.record(AuditEvent.of(AuditEventType.LOGIN, null, null).by(name));
        });
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String typed = String.valueOf(event.getAuthentication().getName());
        transactions.executeWithoutResult(status -> {
            Optional<Account> known = accounts.find(typed);
            String actor = known.map(Account::username).orElse(UNKNOWN);
            audit.record(
                    AuditEvent.of(AuditEventType.SIGN_IN_FAILED, null, null).by(actor));
            if (known.isPresent() && event instanceof AuthenticationFailureBadCredentialsEvent) {
                Account counted =
                        accounts.failed(typed, policy, clock.instant()).orElseThrow();
                if (policy.locksOut(counted.failedSignIns())) {
                    audit.record(AuditEvent.of(AuditEventType.ACCOUNT_LOCKED, null, null)
                            .by(actor));
                    log.warn("console account locked after {} failed sign-ins", counted.failedSignIns());
                }
            }
        });
    }

    @EventListener
    void signedOut(LogoutSuccessEvent event) {
        String name = event.getAuthentication().getName();
        transactions.executeWithoutResult(status -> audit.record(
                AuditEvent.of(AuditEventType.SIGNED_OUT, null, null).by(name)));
    }
}
