package org.caseexchange.gateway.messaging;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.broker.BrokerPlugin;
import org.apache.activemq.command.ActiveMQQueue;
import org.apache.activemq.filter.DestinationMapEntry;
import org.apache.activemq.security.AuthenticationUser;
import org.apache.activemq.security.AuthorizationEntry;
import org.apache.activemq.security.AuthorizationPlugin;
import org.apache.activemq.security.DefaultAuthorizationMap;
import org.apache.activemq.security.SimpleAuthenticationPlugin;
import org.apache.activemq.security.TempDestinationAuthorizationEntry;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.Partner;

/**
 * Who may do what on the embedded broker (docs/protocol.md section 4.1). Every connection logs in:
 * the gateway as {@code gateway}, each partner as its agency code with its own password. A partner may
 * write only to its three inbound queues and read only from its outbound queues (two, or three with a
 * disclosures-out queue of its own); everything else, dead-letter queues and temporary destinations
 * included, belongs to the gateway alone. ActiveMQ checks
 * a composite destination against each of its parts, so a composite naming another partner's queue is
 * refused as a whole.
 */
final class BrokerAccessPolicy {

    private static final String GATEWAY_GROUP = "gateway";

    private BrokerAccessPolicy() {}

    static List<BrokerPlugin> plugins(
            BrokerCredentials gateway,
            List<Partner> partners,
            Map<String, Path> passwordFiles,
            List<String> clientCertificates) {
        List<AuthenticationUser> users = new ArrayList<>();
        users.add(new AuthenticationUser(gateway.user(), gateway.password(), GATEWAY_GROUP));
        for (Partner partner : partners) {
            String code = partner.agencyCode();
            users.add(new AuthenticationUser(code, password(code, passwordFiles.get(code)), groupOf(partner)));
        }
        SimpleAuthenticationPlugin authentication = new SimpleAuthenticationPlugin(users);
        authentication.setAnonymousAccessAllowed(false);
        // Installed last, so it sees each login first: the certificate, then the password, then the rights.
        return List.of(
                authentication,
                new AuthorizationPlugin(authorizations(partners)),
                new ClientCertificatePolicy(partners, clientCertificates));
    }

    private static DefaultAuthorizationMap authorizations(List<Partner> partners) {
        List<DestinationMapEntry> entries = new ArrayList<>();
        for (Partner partner : partners) {
            String group = groupOf(partner);
            for (String inbound : partner.destinations().inbound()) {
                entries.add(queue(inbound, GATEWAY_GROUP, GATEWAY_GROUP + "," + group, GATEWAY_GROUP + "," + group));
            }
            for (String outbound : partner.destinations().outbound()) {
                entries.add(queue(outbound, GATEWAY_GROUP + "," + group, GATEWAY_GROUP, GATEWAY_GROUP + "," + group));
            }
        }
        // A stock OpenWire client watches the advisories of temporary destinations, and fails to connect
        // if it may not; only the gateway could create one, so they tell a partner nothing. Every other
        // advisory (connections, producers, consumers, destinations: other partners' traffic) is the
        // gateway's alone.
        String everyone = GATEWAY_GROUP + ","
                + String.join(
                        ",", partners.stream().map(BrokerAccessPolicy::groupOf).toList());
        for (String temporary : List.of("ActiveMQ.Advisory.TempQueue", "ActiveMQ.Advisory.TempTopic")) {
            AuthorizationEntry advisory = new AuthorizationEntry();
            advisory.setTopic(temporary);
            set(advisory, everyone, GATEWAY_GROUP, everyone);
            entries.add(advisory);
        }
        AuthorizationEntry otherAdvisories = new AuthorizationEntry();
        otherAdvisories.setTopic("ActiveMQ.Advisory.>");
        set(otherAdvisories, GATEWAY_GROUP, GATEWAY_GROUP, GATEWAY_GROUP);
        entries.add(otherAdvisories);
        DefaultAuthorizationMap map = new DefaultAuthorizationMap(entries);
        AuthorizationEntry everythingElse = new AuthorizationEntry();
        everythingElse.setQueue(">");
        set(everythingElse, GATEWAY_GROUP, GATEWAY_GROUP, GATEWAY_GROUP);
        map.setDefaultEntry(everythingElse);
        TempDestinationAuthorizationEntry temporary = new TempDestinationAuthorizationEntry();
        set(temporary, GATEWAY_GROUP, GATEWAY_GROUP, GATEWAY_GROUP);
        map.setTempDestinationAuthorizationEntry(temporary);
        return map;
    }

    private static AuthorizationEntry queue(String name, String read, String write, String admin) {
        AuthorizationEntry entry = new AuthorizationEntry();
        entry.setDestination(new ActiveMQQueue(name));
        set(entry, read, write, admin);
        return entry;
    }

    private static void set(AuthorizationEntry entry, String read, String write, String admin) {
        try {
            entry.setRead(read);
            entry.setWrite(write);
            entry.setAdmin(admin);
        } catch (Exception e) {
            throw new IllegalStateException("cannot build the broker's access rules", e);
        }
    }

    static String groupOf(Partner partner) {
        return "partner-" + partner.agencyCode();
    }

    private static String password(String partner, Path file) {
        String key = "gateway.broker.partner-password-files." + partner;
        if (file == null) {
            throw new InvalidConfigurationException(
                    key, "required: every partner logs in to the broker with its own password");
        }
        try {
            String password = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (password.length() < 16) {
                throw new InvalidConfigurationException(
                        key, "the password in " + file.toAbsolutePath() + " is shorter than 16 characters");
            }
            return password;
        } catch (IOException e) {
            throw new InvalidConfigurationException(key, "cannot read " + file.toAbsolutePath(), e);
        }
    }
}
