package org.caseexchange.gateway.rules;

import dev.cel.common.CelValidationException;
import dev.cel.common.types.ListType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.caseexchange.gateway.protocol.ReasonCode;
import org.springframework.core.io.ClassPathResource;

/**
 * The ordered domestic-law rules, compiled: every condition is type-checked against
 * {@link RuleSchema} when the file is loaded, so a misspelt variable or a type error stops start-up
 * with the file, the rule id and CEL's message; a CONCEAL rule's condition is checked against the
 * variables a guard may use ({@link RuleSchema#GUARD_VARIABLES}). Decisions cite {@link #citation()}: the file's version
 * and SHA-256.
 */
public final class RuleSet {

    public static final String SHIPPED = "rules/domestic-law.yaml";

    private static final Set<String> FILE_KEYS = Set.of("version", "label", "rules");
    private static final Set<String> RULE_KEYS =
            Set.of("id", "title", "source", "annex-clause", "when", "effect", "answer", "elements", "caveat");
    private static final Set<ReasonCode.Stage> ANSWERABLE = Set.of(ReasonCode.Stage.BUSINESS_RULES);

    private final String version;
    private final String label;
    private final String sha256;
    private final List<Rule> rules;

    private RuleSet(String version, String label, String sha256, List<Rule> rules) {
        this.version = version;
        this.label = label;
        this.sha256 = sha256;
        this.rules = List.copyOf(rules);
    }

    /** The operator's rule file when given, else the shipped example. */
    public static RuleSet load(Optional<Path> ruleFile) {
        try {
            if (ruleFile.isPresent()) {
                return parse(ruleFile.get().toString(), Files.readAllBytes(ruleFile.get()));
            }
            return parse("classpath:" + SHIPPED, new ClassPathResource(SHIPPED).getContentAsByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the rule file", e);
        }
    }

    public static RuleSet parse(String name, byte[] content) {
        YamlFile file = YamlFile.parse(name, content);
        YamlFile.Node root = file.root();
        root.allowOnly(FILE_KEYS);
        CelCompiler conditions = compiler(RuleSchema.VARIABLES);
        CelCompiler guards = compiler(RuleSchema.GUARD_VARIABLES);
        CelCompiler elementLists = conditions
                .toCompilerBuilder()
                .setResultType(ListType.create(SimpleType.STRING))
                .build();
        CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().build();
        List<Rule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (YamlFile.Node node : root.nodes("rules")) {
            node.allowOnly(RULE_KEYS);
            String id = node.string("id");
            YamlFile.Node rule = node.at("rule " + id);
            if (!ids.add(id)) {
                throw rule.problem("the id is used twice");
            }
            RuleEffect effect = rule.enumValue("effect", RuleEffect.class);
            String condition = rule.string("when");
            Optional<ReasonCode> answer = Optional.empty();
            Optional<String> elements = Optional.empty();
            Optional<Caveat> caveat = Optional.empty();
            switch (effect) {
                case REFUSE -> {
                    ReasonCode code = rule.enumValue("answer", ReasonCode.class);
                    if (!ANSWERABLE.contains(code.stage())
                            || !code.isAnswered()
                            || code.reply() != ReasonCode.Reply.REFUSAL) {
                        throw rule.problem(
                                "'answer' must be a business-rule refusal code (docs/protocol.md section 2), not "
                                        + code);
                    }
                    answer = Optional.of(code);
                }
                case WITHHOLD -> elements = Optional.of(rule.string("elements"));
                case CAVEAT -> {
                    YamlFile.Node caveatNode = rule.node("caveat");
                    caveatNode.allowOnly(Set.of("code", "text"));
                    caveat = Optional.of(new Caveat(
                            caveatNode.enumValue("code", CaveatCode.class), caveatNode.string("text"), null));
                }
                case CONCEAL -> answer = Optional.of(ReasonCode.NO_RELEASABLE_RECORD);
                case REVIEW -> {}
            }
            refuseKeysOtherThan(rule, effect);
            CelRuntime.Program compiledCondition = effect == RuleEffect.CONCEAL
                    ? compile(
                            guards,
                            runtime,
                            condition,
                            rule,
                            "when",
                            " (a CONCEAL rule may use only subject, partner and gateway variables)")
                    : compile(conditions, runtime, condition, rule, "when", "");
            Optional<CelRuntime.Program> compiledElements = elements.isPresent()
                    ? Optional.of(compile(elementLists, runtime, elements.get(), rule, "elements", ""))
                    : Optional.empty();
            rules.add(new Rule(
                    id,
                    rule.string("title"),
                    rule.string("source"),
                    Optional.ofNullable(rule.string("annex-clause", null)),
                    condition,
                    effect,
                    answer,
                    elements,
                    caveat,
                    compiledCondition,
                    compiledElements));
        }
        if (rules.isEmpty()) {
            throw root.problem("there are no rules");
        }
        return new RuleSet(root.string("version"), root.string("label", ""), file.sha256(), rules);
    }

    private static void refuseKeysOtherThan(YamlFile.Node rule, RuleEffect effect) {
        if (effect != RuleEffect.REFUSE && rule.has("answer")) {
            throw rule.problem("'answer' belongs to REFUSE rules only");
        }
        if (effect != RuleEffect.WITHHOLD && rule.has("elements")) {
            throw rule.problem("'elements' belongs to WITHHOLD rules only");
        }
        if (effect != RuleEffect.CAVEAT && rule.has("caveat")) {
            throw rule.problem("'caveat' belongs to CAVEAT rules only");
        }
    }

    private static CelCompiler compiler(List<RuleSchema.Variable> variables) {
        var builder = CelCompilerFactory.standardCelCompilerBuilder()
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .setResultType(SimpleType.BOOL);
        variables.forEach(variable -> builder.addVar(variable.name(), variable.type()));
        return builder.build();
    }

    private static CelRuntime.Program compile(
            CelCompiler compiler, CelRuntime runtime, String expression, YamlFile.Node rule, String key, String hint) {
        try {
            return runtime.createProgram(compiler.compile(expression).getAst());
        } catch (CelValidationException e) {
            throw rule.problem("'" + key + "' does not compile: "
                    + e.getMessage().lines().findFirst().orElse("") + hint);
        } catch (CelEvaluationException e) {
            throw rule.problem("'" + key + "' cannot be planned: " + e.getMessage());
        }
    }

    public String version() {
        return version;
    }

    /** The file's own statement of what it is (the shipped one says it is an example, not legal advice). */
    public String label() {
        return label;
    }

    public String sha256() {
        return sha256;
    }

    /** How decisions cite the rule set: {@code version@sha256}. */
    public String citation() {
        return version + "@" + sha256;
    }

    public List<Rule> rules() {
        return rules;
    }
}
