package org.caseexchange.gateway.web;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.caseexchange.gateway.web.account.Role;
import org.springframework.http.HttpMethod;

/**
 * Who may call what, pages and API alike: the one permission model of the console (docs/console.md).
 * The security configuration is built from this list and the permission-matrix test checks every
 * request mapping of the application against it, so an endpoint without a rule fails the build.
 * What is not listed is denied to everyone. Within a page or an API call the desks check more: an
 * officer reads only their own exchanges, and four-eyes looks at the person.
 */
final class Permissions {

    /** Who a rule lets in. */
    public enum Audience {
        /** Anyone, signed in or not. */
        EVERYONE,
        /** Anyone signed in, whatever their roles. */
        SIGNED_IN,
        /** Those holding one of the rule's roles. */
        ROLES
    }

    /** One rule: a method (null for every method) and a path pattern, and who may call it. */
    public record Rule(HttpMethod method, String pattern, Audience audience, Set<Role> roles) {
        public Rule {
            roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        }

        public boolean allows(Set<Role> held, boolean signedIn) {
            return switch (audience) {
                case EVERYONE -> true;
                case SIGNED_IN -> signedIn;
                case ROLES -> signedIn && held.stream().anyMatch(roles::contains);
            };
        }
    }

    private static final List<Rule> RULES = List.of(
            everyone(HttpMethod.GET, "/signin"),
            everyone(HttpMethod.GET, "/css/**"),
            everyone(HttpMethod.GET, "/js/**"),
            everyone(HttpMethod.GET, "/favicon.ico"),
            everyone(HttpMethod.GET, "/livez"),
            everyone(HttpMethod.GET, "/readyz"),
            everyone(null, "/error"),
            everyone(HttpMethod.GET, "/api/session/csrf"),
            signedIn(HttpMethod.GET, "/"),
            signedIn(HttpMethod.GET, "/api/me"),
            signedIn(HttpMethod.GET, "/v3/api-docs"),
            signedIn(HttpMethod.GET, "/v3/api-docs/**"),
            signedIn(HttpMethod.GET, "/v3/api-docs.yaml"),
            signedIn(HttpMethod.GET, "/swagger-ui.html"),
            signedIn(HttpMethod.GET, "/swagger-ui/**"),
            roles(HttpMethod.GET, "/reviews", Role.OFFICER, Role.SUPERVISOR),
            roles(HttpMethod.GET, "/reviews/*", Role.OFFICER, Role.SUPERVISOR),
            roles(HttpMethod.GET, "/api/reviews", Role.OFFICER, Role.SUPERVISOR),
            roles(HttpMethod.GET, "/api/reviews/*", Role.OFFICER, Role.SUPERVISOR),
            roles(HttpMethod.POST, "/reviews/*/proposal", Role.OFFICER),
            roles(HttpMethod.POST, "/api/reviews/*/proposal", Role.OFFICER),
            roles(HttpMethod.POST, "/reviews/*/confirmation", Role.SUPERVISOR),
            roles(HttpMethod.POST, "/api/reviews/*/confirmation", Role.SUPERVISOR),
            roles(HttpMethod.POST, "/reviews/*/rejection", Role.SUPERVISOR),
            roles(HttpMethod.POST, "/api/reviews/*/rejection", Role.SUPERVISOR),
            roles(null, "/queries/**", Role.OFFICER),
            roles(null, "/api/queries/**", Role.OFFICER),
            roles(null, "/confirmations/**", Role.SUPERVISOR),
            roles(null, "/api/confirmations/**", Role.SUPERVISOR),
            roles(null, "/audit/**", Role.AUDITOR),
            roles(null, "/api/audit/**", Role.AUDITOR),
            roles(null, "/operations/**", Role.OPERATOR),
            roles(null, "/api/operations/**", Role.OPERATOR));

    private Permissions() {}

    public static List<Rule> rules() {
        return RULES;
    }

    private static Rule everyone(HttpMethod method, String pattern) {
        return new Rule(method, pattern, Audience.EVERYONE, Set.of());
    }

    private static Rule signedIn(HttpMethod method, String pattern) {
        return new Rule(method, pattern, Audience.SIGNED_IN, Set.of());
    }

    private static Rule roles(HttpMethod method, String pattern, Role... roles) {
        return new Rule(method, pattern, Audience.ROLES, Set.of(roles));
    }
}
