package org.caseexchange.gateway.trust;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.Signature;
import java.security.cert.CertPathValidator;
import java.security.cert.CertStore;
import java.security.cert.CertificateFactory;
import java.security.cert.CollectionCertStoreParameters;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.caseexchange.gateway.support.ExamplePki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed example PKI works as a real PKI today, and its script regenerates a working one. */
class ExamplePkiTest {

    @Test
    void shippedCertificatesValidateNowWithRevocationChecking() throws Exception {
        for (String agency : List.of("CAN-IRCC", "USA-USCIS")) {
            Path folder = ExamplePki.SHIPPED.resolve(agency);
            X509Certificate root = read(folder.resolve("ca/root-ca.pem"));
            var crl = CertificateFiles.readCrl("crl", folder.resolve("ca/root-ca.crl.pem"));
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(root, null)));
            parameters.setRevocationEnabled(true);
            parameters.addCertStore(
                    CertStore.getInstance("Collection", new CollectionCertStoreParameters(List.of(crl))));
            for (String leaf : List.of("signing-ec", "encryption-ec", "signing-rsa", "encryption-rsa", "audit")) {
                X509Certificate certificate = read(folder.resolve("certs/" + leaf + ".pem"));
                var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(certificate));

                CertPathValidator.getInstance("PKIX").validate(path, parameters);

                assertThat(certificate.getSubjectX500Principal().getName())
                        .as(agency + " " + leaf)
                        .contains("EXAMPLE");
            }
        }
    }

    @Test
    void keystoreKeysMatchTheirPublishedCertificates() throws Exception {
        GatewayIdentity identity = identity(ExamplePki.SHIPPED);
        byte[] data = "proof of possession".getBytes(StandardCharsets.UTF_8);

        for (AlgorithmSuite suite : AlgorithmSuite.values()) {
            String algorithm = suite == AlgorithmSuite.EC ? "SHA256withECDSA" : "SHA256withRSA";
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(identity.signingKey(suite));
            signer.update(data);
            byte[] signature = signer.sign();

            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(read(ExamplePki.SHIPPED.resolve(
                    "CAN-IRCC/certs/signing-" + suite.name().toLowerCase() + ".pem")));
            verifier.update(data);
            assertThat(verifier.verify(signature)).as(suite.name()).isTrue();
        }
    }

    @Test
    void generateScriptBuildsAPkiTheGatewayLoads(@TempDir Path output) throws Exception {
        Process generate = new ProcessBuilder("bash", "certs-example/generate.sh", output.toString())
                .redirectErrorStream(true)
                .start();
        String log = new String(generate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(generate.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(generate.exitValue()).as(log).isZero();

        GatewayIdentity identity = identity(output);
        PartnerDirectoryProperties directory = ExamplePki.bind(output, PartnerDirectoryProperties.class, "gateway");
        Partner usa =
                new PartnerDirectory(directory, identity).find("USA-USCIS").orElseThrow();

        assertThat(usa.signingCertificates().get(0))
                .isNotEqualTo(read(ExamplePki.SHIPPED.resolve("USA-USCIS/certs/signing-ec.pem")));
        assertThat(output.resolve("CAN-IRCC/ca/private/root-ca.key")).exists();
    }

    private static GatewayIdentity identity(Path pki) {
        return new GatewayIdentity(ExamplePki.bind(pki, GatewayIdentityProperties.class, "gateway.identity"));
    }

    private static X509Certificate read(Path file) {
        return CertificateFiles.readCertificate(file.toString(), file);
    }
}
