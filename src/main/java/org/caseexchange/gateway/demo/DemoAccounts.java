package org.caseexchange.gateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import org.caseexchange.gateway.web.account.Accounts;
import org.caseexchange.gateway.web.account.Role;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's console accounts, one per role, each with a password drawn at random on the first demo
 * start and written to a file only the gateway's user may read; later starts find the file and leave
 * the accounts as they are. Nothing here runs outside the demo profile: a production start has no
 * account until an operator creates one.
 */
final class DemoAccounts {

    private static final Logger log = LoggerFactory.getLogger(DemoAccounts.class);

    static final String FILE = "demo-accounts.txt";

    private DemoAccounts() {}

    static Path create(Accounts accounts, Path dataDirectory, Clock clock) {
        Path file = dataDirectory.resolve(FILE);
        if (Files.exists(file)) {
            return file;
        }
        SecureRandom random = new SecureRandom();
        List<String> lines = new ArrayList<>();
        lines.add("# The demo's console accounts (user name, roles, password). Demo only.");
        for (Role role : Role.values()) {
            byte[] secret = new byte[12];
            random.nextBytes(secret);
            String password = HexFormat.of().formatHex(secret);
            String username = "demo-" + role.name().toLowerCase();
            EnumSet<Role> roles =
                    role == Role.SUPERVISOR ? EnumSet.of(Role.OFFICER, Role.SUPERVISOR) : EnumSet.of(role);
            accounts.put(username, roles, password.toCharArray(), clock.instant());
            lines.add(username + " " + roles + " " + password);
        }
        try {
            Files.createDirectories(dataDirectory);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        log.info("demo console accounts created; their passwords are in {}", file);
        return file;
    }
}
