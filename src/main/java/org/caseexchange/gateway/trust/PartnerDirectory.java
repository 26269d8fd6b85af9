package org.caseexchange.gateway.trust;

import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireChain;
import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireCrlIssuer;
import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireKey;
import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireKeyUsage;
import static org.caseexchange.gateway.trust.internal.CertificateRequirements.requireMessageSigning;

import java.nio.file.Path;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import org.caseexchange.gateway.InvalidConfigurationException;
import org.caseexchange.gateway.trust.PartnerDirectoryProperties.PartnerSettings;
import org.caseexchange.gateway.trust.internal.CertificateRequirements.KeyUsage;

/**
 * The partners this gateway exchanges with, loaded from {@code gateway.partners} and checked before
 * anything is received: every file readable, every certificate fit for its role and chained to that
 * partner's own anchors, every CRL signed by them, agency codes and destinations unique, and every
 * partner's suite one we hold keys for. A directory that fails any check stops start-up.
 */
public final class PartnerDirectory {

    private final Map<String, Partner> partnersByAgency;
    private final Map<String, String> ownersByDestination;

    public PartnerDirectory(PartnerDirectoryProperties properties, GatewayIdentity identity) {
        Map<String, Partner> partners = new LinkedHashMap<>();
        Map<String, String> destinationOwners = new HashMap<>();
        for (int i = 0; i < properties.partners().size(); i++) {
            String key = "gateway.partners[" + i + "]";
            Partner partner = load(key, properties.partners().get(i), identity);
            if (partners.putIfAbsent(partner.agencyCode(), partner) != null) {
                throw new InvalidConfigurationException(
                        key + ".agency-code", "partner " + partner.agencyCode() + " is configured twice");
            }
            for (String destination : partner.destinations().all()) {
                String owner = destinationOwners.putIfAbsent(destination, partner.agencyCode());
                if (owner != null) {
                    throw new InvalidConfigurationException(
                            key + ".destinations", "destination " + destination + " is already used by " + owner);
                }
            }
        }
        this.partnersByAgency = Map.copyOf(partners);
        this.ownersByDestination = Map.copyOf(destinationOwners);
    }

    public Optional<Partner> find(String agencyCode) {
        return Optional.ofNullable(partnersByAgency.get(agencyCode));
    }

    /** The partner whose configured destinations include this queue, if any. */
    public Optional<Partner> ownerOf(String destination) {
        return Optional.ofNullable(ownersByDestination.get(destination)).flatMap(this::find);
    }

    public List<Partner> all() {
        return List.copyOf(partnersByAgency.values());
    }

    private static Partner load(String key, PartnerSettings settings, GatewayIdentity identity) {
        if (settings.agencyCode().equals(identity.agencyCode())) {
            throw new InvalidConfigurationException(
                    key + ".agency-code", "a partner cannot be this gateway's own agency");
        }
        if (!identity.suites().contains(settings.suite())) {
            throw new InvalidConfigurationException(
                    key + ".suite",
                    "suite " + settings.suite() + " needs keys under gateway.identity.suites." + settings.suite());
        }
        var destinations = settings.destinations();
        List<String> distinct = List.of(
                destinations.requestsIn(),
                destinations.responsesOut(),
                destinations.queriesOut(),
                destinations.answersIn(),
                destinations.disclosuresIn());
        boolean ownDisclosuresOut = !destinations.disclosuresOut().equals(destinations.queriesOut());
        if (distinct.stream().distinct().count() != 5
                || (ownDisclosuresOut && distinct.contains(destinations.disclosuresOut()))) {
            throw new InvalidConfigurationException(
                    key + ".destinations",
                    "each destination must be a different queue (disclosures-out may be queries-out)");
        }
        List<X509Certificate> anchors = new ArrayList<>();
        eachFile(key + ".trust-anchors", settings.trustAnchors(), CertificateFiles::readCertificates)
                .forEach(anchors::addAll);
        List<X509CRL> crls = eachFile(key + ".crls", settings.crls(), CertificateFiles::readCrl);
        for (int i = 0; i < crls.size(); i++) {
            requireCrlIssuer(key + ".crls[" + i + "]", crls.get(i), anchors);
        }
        List<X509Certificate> signing = eachFile(
                key + ".signing-certificates", settings.signingCertificates(), CertificateFiles::readCertificate);
        for (int i = 0; i < signing.size(); i++) {
            String certificateKey = key + ".signing-certificates[" + i + "]";
            requireKey(certificateKey, signing.get(i), settings.suite());
            requireMessageSigning(certificateKey, signing.get(i));
            requireChain(certificateKey, signing.get(i), anchors);
        }
        List<X509Certificate> encryption = eachFile(
                key + ".encryption-certificates", settings.encryptionCertificates(), CertificateFiles::readCertificate);
        for (int i = 0; i < encryption.size(); i++) {
            String certificateKey = key + ".encryption-certificates[" + i + "]";
            requireKey(certificateKey, encryption.get(i), settings.suite());
            requireKeyUsage(
                    certificateKey,
                    encryption.get(i),
                    KeyUsage.named(settings.suite().encryptionKeyUsage()));
            requireChain(certificateKey, encryption.get(i), anchors);
        }
        return new Partner(
                settings.agencyCode(),
                settings.country(),
                settings.suite(),
                anchors,
                crls,
                signing,
                encryption,
                settings.destinations(),
                Set.copyOf(settings.annexes()));
    }

    private static <T> List<T> eachFile(String key, List<Path> files, BiFunction<String, Path, T> reader) {
        List<T> loaded = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            loaded.add(reader.apply(key + "[" + i + "]", files.get(i)));
        }
        return loaded;
    }
}
