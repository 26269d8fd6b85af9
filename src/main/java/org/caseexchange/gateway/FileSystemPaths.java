package org.caseexchange.gateway;

import java.beans.PropertyEditorSupport;
import java.nio.file.Path;
import java.util.Map;
import org.springframework.beans.factory.config.CustomEditorConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A setting that names a file or folder names it on the file system, relative to the working
 * directory: never a class-path resource. Spring's own editor for {@link Path} tries the class path
 * first, so that {@code gateway.rules.annex-folder=annexes} would quietly become the shipped annexes
 * inside the application instead of the operator's folder.
 */
@Configuration(proxyBeanMethods = false)
class FileSystemPaths {

    @Bean
    static CustomEditorConfigurer fileSystemPathEditor() {
        CustomEditorConfigurer configurer = new CustomEditorConfigurer();
        configurer.setCustomEditors(Map.of(Path.class, PathOnTheFileSystem.class));
        return configurer;
    }

    /** {@code Path.of(text)}, nothing else. */
    static final class PathOnTheFileSystem extends PropertyEditorSupport {

        @Override
        public void setAsText(String text) {
            setValue(text == null || text.isEmpty() ? null : Path.of(text));
        }
    }
}
