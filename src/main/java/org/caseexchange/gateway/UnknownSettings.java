package org.caseexchange.gateway;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Stops the start on a {@code gateway.*} key that no setting of the gateway reads: a misspelt key
 * would otherwise be ignored and its setting left at the default without a word. Every settings record
 * of the gateway ({@code @ConfigurationProperties} under {@code gateway}) is bound once, recording the
 * keys it reads; a key of a settings file, the command line or a system property outside them is
 * refused, named. The process environment is not checked (it holds much else, and the postgres
 * profile reads {@code GATEWAY_DB_*} from it by placeholder). Runs after the settings files are read,
 * before any bean exists; a record that does not bind here is left to its own, clearer report.
 */
public final class UnknownSettings implements EnvironmentPostProcessor, Ordered {

    /** Keys read by placeholder rather than by a settings record. */
    static final Set<ConfigurationPropertyName> PLACEHOLDERS = Set.of(ConfigurationPropertyName.of("gateway.data-dir"));

    private static final ConfigurationPropertyName ROOT = ConfigurationPropertyName.of("gateway");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        Binder binder = Binder.get(environment);
        Recorder recorder = new Recorder();
        List<ConfigurationPropertyName> unbindable = new ArrayList<>();
        for (Class<?> settings : settingsRecords()) {
            String prefix = prefixOf(settings);
            try {
                binder.bind(prefix, Bindable.of(settings), recorder);
            } catch (RuntimeException e) {
                unbindable.add(ConfigurationPropertyName.of(prefix));
            }
        }
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(nameOf(source))
                    || !(source instanceof IterableConfigurationPropertySource iterable)) {
                continue;
            }
            for (ConfigurationPropertyName name : iterable) {
                if (ROOT.isAncestorOf(name)
                        && !recorder.bound.contains(name)
                        && !PLACEHOLDERS.contains(name)
                        && unbindable.stream().noneMatch(prefix -> prefix.equals(name) || prefix.isAncestorOf(name))) {
                    throw new InvalidConfigurationException(
                            name.toString(),
                            "is not a setting of the gateway (misspelt?); the README's"
                                    + " Configuration section lists them");
                }
            }
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    private static Object nameOf(ConfigurationPropertySource source) {
        return source.getUnderlyingSource() instanceof org.springframework.core.env.PropertySource<?> propertySource
                ? propertySource.getName()
                : null;
    }

    private static String prefixOf(Class<?> settings) {
        ConfigurationProperties annotation = settings.getAnnotation(ConfigurationProperties.class);
        return annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
    }

    /** The gateway's settings records, found on the class path as Spring's scan finds them. */
    static List<Class<?>> settingsRecords() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
        List<Class<?>> records = new ArrayList<>();
        scanner.findCandidateComponents(GatewayApplication.class.getPackageName())
                .forEach(candidate -> {
                    Class<?> type = ClassUtils.resolveClassName(
                            candidate.getBeanClassName(), UnknownSettings.class.getClassLoader());
                    if (ROOT.equals(ConfigurationPropertyName.of(prefixOf(type)))
                            || ROOT.isAncestorOf(ConfigurationPropertyName.of(prefixOf(type)))) {
                        records.add(type);
                    }
                });
        return records;
    }

    /** Records every name a binding reads. */
    private static final class Recorder extends AbstractBindHandler {
        final Set<ConfigurationPropertyName> bound = new HashSet<>();

        @Override
        public Object onSuccess(
                ConfigurationPropertyName name, Bindable<?> target, BindContext context, Object result) {
            bound.add(name);
            return super.onSuccess(name, target, context, result);
        }
    }
}
