package org.caseexchange.gateway.audit;

import org.caseexchange.gateway.InvalidConfigurationException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The role the gateway works as may not own the audit tables nor act as their owner: an owner, a
 * superuser or a member of the owner's role can drop or disable the append-only guards, and the log
 * would then be protected only by its checkpoints. Checked at every start, before the log is read;
 * the embedded database is set up with two roles, an external one must be (docs/audit.md section 4).
 */
final class AuditTableOwnership {

    private AuditTableOwnership() {}

    static void require(JdbcTemplate jdbc) {
        String owner = jdbc.queryForObject(
                "SELECT tableowner FROM pg_tables WHERE schemaname = current_schema() AND tablename = 'audit_entry'",
                String.class);
        String role = jdbc.queryForObject("SELECT current_user", String.class);
        boolean superuser = Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT rolsuper FROM pg_roles WHERE rolname = current_user", Boolean.class));
        boolean actsAsOwner = Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT pg_has_role(current_user, ?, 'USAGE')", Boolean.class, owner));
        if (role.equals(owner) || superuser || actsAsOwner) {
            throw new InvalidConfigurationException(
                    "spring.datasource.username",
                    "the gateway connects as '" + role + "', which "
                            + (superuser ? "is a superuser and " : "")
                            + "owns or may act as the owner of the audit tables, and so could remove"
                            + " their append-only guards: run the migrations as the schema owner (spring.flyway.user) and the gateway as a role of"
                            + " its own that the migrations grant only what it needs (docs/audit.md section 4)");
        }
    }
}
