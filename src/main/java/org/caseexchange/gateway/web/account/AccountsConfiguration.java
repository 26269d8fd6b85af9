package org.caseexchange.gateway.web.account;

import java.time.Clock;
import org.caseexchange.gateway.audit.AuditLog;
import org.caseexchange.gateway.web.ConsoleProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

/** Local accounts and what happens at each sign-in. */
@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

    /**
     * Argon2id (Spring Security's parameters of 5.8: 16 MiB, two passes) for every new hash; each hash
     * names the algorithm that made it, so bcrypt hashes an agency imports still verify.
     */
    @Bean
    static PasswordEncoder passwordEncoder() {
        return PasswordEncoders.current();
    }

    @Bean
    Accounts accounts(JdbcTemplate jdbc, PasswordEncoder encoder) {
        return new Accounts(jdbc, encoder);
    }

    @Bean
    LocalAccountUsers localAccountUsers(Accounts accounts, Clock clock) {
        return new LocalAccountUsers(accounts, clock);
    }

    @Bean
    SignInEvents signInEvents(
            Accounts accounts,
            ConsoleProperties properties,
            AuditLog audit,
            TransactionTemplate transactions,
            Clock clock) {
        ConsoleProperties.SignIn signIn = properties.signIn();
        return new SignInEvents(
                accounts,
                new SignInPolicy(signIn.backOffAfter(), signIn.lockOutAfter(), signIn.lockOutFor()),
                audit,
                transactions,
                clock);
    }

    /** Kept out of the bean method so the accounts command hashes exactly as the gateway checks. */
    static final class PasswordEncoders {
        private PasswordEncoders() {}

        static PasswordEncoder current() {
            java.util.Map<String, PasswordEncoder> readable = new java.util.HashMap<>();
            readable.put("argon2@SpringSecurity_v5_8", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
            readable.put("bcrypt", new BCryptPasswordEncoder());
            return new DelegatingPasswordEncoder("argon2@SpringSecurity_v5_8", readable);
        }
    }
}
