package org.caseexchange.gateway.web.account;

import java.time.Clock;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;

/**
 * Spring Security's view of the local accounts. An account in back-off or locked out is reported
 * locked, which Spring Security checks before the password: no password is tried while it lasts.
 */
class LocalAccountUsers implements UserDetailsService {

    private final Accounts accounts;
    private final Clock clock;

    LocalAccountUsers(Accounts accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        Account account = accounts.find(username).orElseThrow(() -> new UsernameNotFoundException("no such account"));
        return User.withUsername(account.username())
                .password(account.passwordHash())
                .authorities(account.roles().stream()
                        .map(role -> new SimpleGrantedAuthority(role.authority()))
                        .toList())
                .accountLocked(account.lockedAt(clock.instant()))
                .build();
    }
}
