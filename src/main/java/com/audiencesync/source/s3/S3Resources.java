package com.audiencesync.source.s3;

import io.awspring.cloud.s3.S3ProtocolResolver;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Cloud AWS's beans made when a run first needs them, not at every start. Made
 * eagerly, the S3 client and what it is built of load 1,100 classes and a TLS context for
 * every run, most of which read no S3. Its {@code s3://} protocol resolver is left out:
 * it builds the client for the first resource of any kind the context resolves (the
 * schema script), and nothing here reads {@code s3://} through Spring's resources; an S3
 * source takes the client itself when it is made.
 */
@Configuration(proxyBeanMethods = false)
class S3Resources {

	private static final String AWS = "io.awspring.cloud.";

	@Bean
	static BeanDefinitionRegistryPostProcessor awsBeansOnDemand() {
		return (registry) -> {
			for (String name : registry.getBeanDefinitionNames()) {
				BeanDefinition definition = registry.getBeanDefinition(name);
				String origin = origin(definition);
				if (S3ProtocolResolver.class.getName().equals(origin)) {
					registry.removeBeanDefinition(name);
				}
				else if (origin != null && origin.startsWith(AWS)) {
					definition.setLazyInit(true);
				}
			}
		};
	}

	/**
	 * The bean's class, or the class declaring the {@code @Bean} method that makes it.
	 */
	private static String origin(BeanDefinition definition) {
		if (definition instanceof AnnotatedBeanDefinition annotated && annotated.getFactoryMethodMetadata() != null) {
			return annotated.getFactoryMethodMetadata().getDeclaringClassName();
		}
		return definition.getBeanClassName();
	}

}
