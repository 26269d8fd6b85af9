package org.caseexchange.gateway.trust;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.nio.file.Path;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The partner directory as configured under {@code gateway.partners}. Holds file paths, never
 * certificate or key bytes; {@link PartnerDirectory} loads and checks what they point to.
 */
@Validated
@ConfigurationProperties("gateway")
public record PartnerDirectoryProperties(@NotEmpty List<@Valid @NotNull PartnerSettings> partners) {

    /** Agency codes are the country's ISO 3166-1 alpha-3 code, a hyphen and the agency's acronym. */
    public static final String AGENCY_CODE = "[A-Z]{3}-[A-Z0-9]{2,16}";

    /**
     * One partner agency.
     *
     * @param signingCertificates every certificate the partner may sign with; several during a rotation
     * @param encryptionCertificates the partner's encryption certificates; the first is the one we seal to
     * @param annexes the annex ids in force with this partner (the SMU's case-by-case provision included)
     */
    public record PartnerSettings(
            @NotBlank @Pattern(regexp = AGENCY_CODE) String agencyCode,
            @NotBlank @Pattern(regexp = "[A-Z]{3}") String country,
            @NotNull AlgorithmSuite suite,
            @NotEmpty List<@NotNull Path> trustAnchors,
            @NotEmpty List<@NotNull Path> crls,
            @NotEmpty List<@NotNull Path> signingCertificates,
            @NotEmpty List<@NotNull Path> encryptionCertificates,
            @Valid @NotNull Destinations destinations,
            @NotEmpty List<@NotBlank String> annexes) {}

    /**
     * The broker destinations one partner uses. Replies go only to these configured queues: nothing in
     * a message can redirect them.
     *
     * @param requestsIn the partner's case queries to us
     * @param responsesOut everything we send in answer to the partner: responses, receipts, error replies
     * @param queriesOut what we start: our case queries and proactive disclosures to the partner
     * @param answersIn everything the partner sends in answer to us: responses, receipts, error replies
     * @param disclosuresIn the partner's proactive disclosures to us
     * @param disclosuresOut our proactive disclosures to the partner; {@code queriesOut} when unset. A
     *     partner that reads disclosures apart from queries (another instance of this gateway, whose
     *     {@code disclosuresIn} this is) names its own queue here
     */
    public record Destinations(
            @NotBlank @Pattern(regexp = DESTINATION) String requestsIn,
            @NotBlank @Pattern(regexp = DESTINATION) String responsesOut,
            @NotBlank @Pattern(regexp = DESTINATION) String queriesOut,
            @NotBlank @Pattern(regexp = DESTINATION) String answersIn,
            @NotBlank @Pattern(regexp = DESTINATION) String disclosuresIn,
            @Pattern(regexp = DESTINATION) String disclosuresOut) {

        /** Plain queue names only: no wildcards, composites or broker options. */
        static final String DESTINATION = "[A-Za-z0-9][A-Za-z0-9._-]{0,127}";

        public Destinations {
            if (disclosuresOut == null || disclosuresOut.isBlank()) {
                disclosuresOut = queriesOut;
            }
        }

        /** Every queue of this partner, each once. */
        public List<String> all() {
            return List.of(requestsIn, responsesOut, queriesOut, answersIn, disclosuresIn, disclosuresOut).stream()
                    .distinct()
                    .toList();
        }

        /** The queues the partner reads: what we send it. */
        public List<String> outbound() {
            return List.of(responsesOut, queriesOut, disclosuresOut).stream()
                    .distinct()
                    .toList();
        }

        /** The queues the partner writes: what it sends us. */
        public List<String> inbound() {
            return List.of(requestsIn, answersIn, disclosuresIn);
        }
    }
}
