package org.caseexchange.gateway.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.caseexchange.gateway.web.account.Role;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.authority.mapping.GrantedAuthoritiesMapper;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.oidc.user.OidcUserAuthority;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.web.context.support.WebApplicationContextUtils;

/**
 * Sign-in, roles and the browser's protections for the console and its API. Local accounts sign in
 * with a form; when {@code spring.security.oauth2.client.registration.*} names the agency's OpenID
 * Connect provider, its users sign in there, with roles from the claim {@code gateway.console.roles-claim}.
 * Pages that need a signed-in user send a browser to the sign-in page; the API answers 401.
 *
 * <p>The operators' port (actuator, loopback only) keeps its own chain: it serves health and
 * metrics to the machine's monitoring, as before the console existed.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ConsoleSecurityConfiguration {

    /**
     * No inline script or style, nothing from another origin, no framing, no plug-ins, forms only to
     * this origin.
     */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self'; font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none';"
            + " frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain operatorsPort(HttpSecurity http) throws Exception {
        return http.securityMatcher(ConsoleSecurityConfiguration::onManagementPort)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain console(
            HttpSecurity http,
            ConsoleAccessDenied accessDenied,
            ConsoleProperties properties,
            ObjectProvider<ClientRegistrationRepository> oidc)
            throws Exception {
        http.authorizeHttpRequests(ConsoleSecurityConfiguration::permissions)
                .formLogin(form ->
                        form.loginPage("/signin").failureUrl("/signin?failed").defaultSuccessUrl("/", true))
                .logout(logout -> logout.logoutUrl("/signout")
                        .logoutSuccessUrl("/signin?signedout")
                        .invalidateHttpSession(true)
                        .deleteCookies("JSESSIONID"))
                .sessionManagement(sessions -> sessions.sessionFixation(fixation -> fixation.newSession()))
                .exceptionHandling(errors -> errors.defaultAuthenticationEntryPointFor(
                                new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), ConsoleSecurityConfiguration::api)
                        .defaultAuthenticationEntryPointFor(
                                new LoginUrlAuthenticationEntryPoint("/signin"), request -> true)
                        .accessDeniedHandler(accessDenied))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(
                                referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER))
                        .frameOptions(frames -> frames.deny())
                        .addHeaderWriter((request, response) -> {
                            response.setHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
                            response.setHeader("Cross-Origin-Opener-Policy", "same-origin");
                        }));
        if (oidc.getIfAvailable() != null) {
            http.oauth2Login(login -> login.loginPage("/signin")
                    .userInfoEndpoint(user -> user.userAuthoritiesMapper(rolesFromClaim(properties.rolesClaim()))));
        }
        return http.build();
    }

    private static void permissions(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
        for (Permissions.Rule rule : Permissions.rules()) {
            var matched = rule.method() == null
                    ? requests.requestMatchers(rule.pattern())
                    : requests.requestMatchers(rule.method(), rule.pattern());
            switch (rule.audience()) {
                case EVERYONE -> matched.permitAll();
                case SIGNED_IN -> matched.authenticated();
                case ROLES ->
                    matched.hasAnyRole(rule.roles().stream().map(Role::name).toArray(String[]::new));
            }
        }
        requests.anyRequest().denyAll();
    }

    /** The roles an OpenID Connect user holds: the values of the roles claim that name a console role. */
    static GrantedAuthoritiesMapper rolesFromClaim(String claim) {
        return authorities -> {
            Set<GrantedAuthority> mapped = new LinkedHashSet<>();
            for (GrantedAuthority authority : authorities) {
                if (authority instanceof OidcUserAuthority user) {
                    Object values = user.getIdToken().getClaims().get(claim);
                    if (values == null && user.getUserInfo() != null) {
                        values = user.getUserInfo().getClaims().get(claim);
                    }
                    Collection<?> listed =
                            values instanceof Collection<?> many ? many : values == null ? List.of() : List.of(values);
                    for (Object value : listed) {
                        for (Role role : Role.values()) {
                            if (role.name().equals(String.valueOf(value))) {
                                mapped.add(new SimpleGrantedAuthority(role.authority()));
                            }
                        }
                    }
                }
            }
            return mapped;
        };
    }

    static boolean api(HttpServletRequest request) {
        return request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    }

    /** True for a request to the operators' port: the actuator's own web server. */
    static boolean onManagementPort(HttpServletRequest request) {
        var context = WebApplicationContextUtils.getWebApplicationContext(request.getServletContext());
        return context instanceof WebServerApplicationContext server
                && "management".equals(server.getServerNamespace());
    }
}
