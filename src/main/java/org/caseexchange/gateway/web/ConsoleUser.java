package org.caseexchange.gateway.web;

import java.util.EnumSet;
import java.util.Set;
import org.caseexchange.gateway.web.account.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is signed in: the name the audit log records as actor, and the roles they hold.
 *
 * @param name the local account's user name, or the OpenID Connect subject
 */
public record ConsoleUser(String name, Set<Role> roles) {

    public ConsoleUser {
        roles = roles.isEmpty() ? Set.of() : java.util.Collections.unmodifiableSet(EnumSet.copyOf(roles));
    }

    public static ConsoleUser of(Authentication authentication) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            for (Role role : Role.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return new ConsoleUser(authentication.getName(), roles);
    }

    public boolean holds(Role role) {
        return roles.contains(role);
    }
}
